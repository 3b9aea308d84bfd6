package dev.s3csi.validator.cli;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.s3csi.validator.reconciler.OperatorSettings;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code --help} at the top and on every command: the usage on stdout, exit 0, nothing started. */
class HelpTest {

  @Test
  void theTopLevelListsTheFourCommands() {
    for (String help : List.of("--help", "-h", "help")) {
      CliHarness.Result result = CliHarness.main(help, List.of());
      assertThat(result.exitCode()).isZero();
      assertThat(result.stdout())
          .startsWith("provisioning-validator " + OperatorSettings.VERSION + ": proves")
          .contains("java -jar provisioning-validator-" + OperatorSettings.VERSION + ".jar COMMAND")
          .containsPattern("(?m)^  operator ")
          .containsPattern("(?m)^  run ")
          .containsPattern("(?m)^  trigger ")
          .containsPattern("(?m)^  probe ");
    }
    CliHarness.Result unknown = CliHarness.main("validate", List.of());
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.stderr()).startsWith("unknown command 'validate'").contains("  trigger ");
  }

  @Test
  void everyCommandDescribesItsOptionsAndEnvironment() {
    assertThat(help("operator"))
        .contains(
            "WATCH_NAMESPACES",
            "PROBE_IMAGE",
            "MAX_CONCURRENT_RUNS",
            "HTTP_PORT",
            "KUBECONFIG",
            "LEADER_ELECTION_LEASE_NAME",
            "POD_NAME",
            "POD_NAMESPACE");
    assertThat(help("run"))
        .contains(
            "-f, --file FILE",
            "--namespace",
            "--probe-image",
            "--timeout",
            "--output table|wide",
            "--kubeconfig",
            "Environment: KUBECONFIG, PROBE_IMAGE");
    assertThat(help("trigger"))
        .contains(
            "--schedule",
            "--template FILE",
            "--template-configmap",
            "--keep-succeeded",
            "--keep-failed",
            "--output table|wide",
            "Environment: KUBECONFIG");
    assertThat(help("probe")).contains("--mount DIR", "--plan JSON", "--result-file");
  }

  private static String help(String command) {
    CliHarness.Result result = CliHarness.main(command, List.of("--help"));
    assertThat(result.exitCode()).as(command).isZero();
    assertThat(result.stderr()).as(command).isEmpty();
    assertThat(result.stdout().lines())
        .as(command)
        .allSatisfy(line -> assertThat(line.length()).as(line).isLessThanOrEqualTo(120));
    return result.stdout();
  }
}
