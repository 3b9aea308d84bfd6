package dev.s3csi.validator.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import dev.s3csi.validator.reconciler.OperatorSettings;

/**
 * One jar, one image, several programs: {@code operator} (the default); {@code probe}, which probe
 * pods run; {@code trigger}, which the CronJob runs; {@code run}, one validation without installing
 * the operator.
 */
public final class Main {
  static final int USAGE = 2;
  static final String HELP =
      String.join(
          "\n",
          "provisioning-validator "
              + OperatorSettings.VERSION
              + ": proves that dynamic provisioning of S3-backed volumes works end to end on a Kubernetes cluster.",
          "usage: java -jar provisioning-validator-"
              + OperatorSettings.VERSION
              + ".jar COMMAND [options]"
              + " (in the image: the container's arguments)",
          "commands:",
          "  operator   reconcile ProvisioningValidations (the default; configured through the environment)",
          "  run        run one validation against the current kubeconfig's cluster, without installing the operator",
          "  trigger    create a run from a template, wait for it, keep the schedule's last runs (what the CronJob runs)",
          "  probe      the program of the probe pods (the operator starts it; not meant to be run by hand)",
          "COMMAND --help lists its options and environment variables. Exit codes: 0 success, 1 failure, 2 bad arguments.");

  private Main() {}

  public static void main(String[] args) {
    List<String> arguments = Arrays.asList(args);
    String command = arguments.isEmpty() ? "operator" : arguments.get(0);
    int exit =
        run(
            command,
            arguments.isEmpty() ? List.of() : arguments.subList(1, arguments.size()),
            System.getenv(),
            System.out,
            System.err);
    // The operator goes on in its own threads; everything else is done.
    if (exit != 0 || !"operator".equals(command)) {
      System.exit(exit);
    }
  }

  static int run(
      String command,
      List<String> rest,
      Map<String, String> env,
      PrintStream out,
      PrintStream err) {
    return switch (command) {
      case "operator" -> OperatorCommand.run(rest, env, out, err);
      case "probe" -> ProbeCommand.run(rest, out, err);
      case "trigger" -> TriggerCommand.run(rest, env, out, err);
      case "run" -> RunCommand.run(rest, env, out, err);
      case "--help", "-h", "help" -> {
        out.println(HELP);
        yield 0;
      }
      default -> {
        err.println("unknown command '" + command + "'");
        err.println(HELP);
        yield USAGE;
      }
    };
  }
}
