package dev.s3csi.validator.cli;

import java.util.Arrays;
import java.util.List;

/**
 * One jar, one image, several programs: {@code operator} (the default); {@code probe}, which probe
 * pods run; {@code trigger}, which the CronJob runs; {@code run}, one validation without installing
 * the operator.
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
      case "trigger" -> TriggerCommand.run(rest, System.out, System.err);
      case "run" -> RunCommand.run(rest, System.getenv(), System.out, System.err);
      default -> {
        System.err.println("usage: provisioning-validator [operator|probe|trigger|run] [options]");
        yield USAGE;
      }
    };
    if (exit != 0 || !"operator".equals(command)) {
      System.exit(exit);
    }
  }
}
