package dev.s3csi.validator.cli;

import java.util.Arrays;
import java.util.List;

/**
 * One jar, one image, several programs: {@code operator} (the default), and {@code probe}, which
 * probe pods run.
 */
public final class Main {
  static final int USAGE = 2;

  private Main() {}

  public static void main(String[] args) {
    List<String> arguments = Arrays.asList(args);
    String command = arguments.isEmpty() ? "operator" : arguments.get(0);
    List<String> rest = arguments.isEmpty() ? List.of() : arguments.subList(1, arguments.size());
    int exit = switch (command) {
      case "operator" -> OperatorCommand.run(rest);
      case "probe" -> ProbeCommand.run(rest);
      default -> {
        System.err.println("usage: provisioning-validator [operator|probe] [options]");
        yield USAGE;
      }
    };
    if (exit != 0 || !"operator".equals(command)) {
      System.exit(exit);
    }
  }
}
