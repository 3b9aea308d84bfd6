package dev.s3csi.validator.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.s3csi.validator.api.Phase;
import dev.s3csi.validator.api.ProvisioningValidation;
import dev.s3csi.validator.harness.Kubeconfig;
import dev.s3csi.validator.harness.Sandbox;
import dev.s3csi.validator.harness.SandboxRuns;
import dev.s3csi.validator.kube.ScheduleLabel;
import dev.s3csi.validator.sandbox.SandboxOptions;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code trigger} as the CronJob runs it, against the sandbox's API server through a kubeconfig
 * file.
 */
class TriggerCommandTest {

  private static List<ProvisioningValidation> runsOf(Sandbox sandbox, String schedule) {
    return sandbox
        .client()
        .resources(ProvisioningValidation.class)
        .inNamespace(Sandbox.NAMESPACE)
        .withLabel(ScheduleLabel.KEY, schedule)
        .list()
        .getItems();
  }

  @Test
  void createsALabelledRunPerCallAndKeepsOnlyTheLatestFinishedRunsOfItsSchedule(@TempDir Path dir)
      throws Exception {
    try (Sandbox sandbox = Sandbox.start(SandboxOptions.defaults())) {
      sandbox.startOperator();
      String kubeconfig =
          Kubeconfig.write(sandbox.client(), dir.resolve("kubeconfig"), Sandbox.NAMESPACE)
              .toString();
      String good =
          Files.writeString(
                  dir.resolve("good.yaml"),
                  SandboxRuns.yaml(SandboxRuns.passing(sandbox, "nightly")))
              .toString();
      String bad =
          Files.writeString(
                  dir.resolve("bad.yaml"),
                  SandboxRuns.yaml(SandboxRuns.unserved(sandbox, "nightly")))
              .toString();
      List<String> nightly =
          List.of(
              "--kubeconfig",
              kubeconfig,
              "--schedule",
              "nightly",
              "--keep-succeeded",
              "1",
              "--keep-failed",
              "1",
              "--template");

      CliHarness.Result weekly =
          CliHarness.trigger(
              List.of("--kubeconfig", kubeconfig, "--schedule", "weekly", "--template", good));
      CliHarness.Result first = CliHarness.trigger(concat(nightly, good));

      assertThat(weekly.exitCode()).as(weekly.stderr()).isZero();
      assertThat(first.exitCode()).as(first.stderr()).isZero();
      assertThat(first.stderr())
          .containsPattern("created pval-demo/nightly-[-a-z0-9]+ for schedule nightly");
      assertThat(first.stdout())
          .containsPattern("pval-demo/nightly-[-a-z0-9]+: Succeeded, 1/1 passed")
          .containsPattern("(?m)^dedicatedBucket +Passed");
      String firstName = runsOf(sandbox, "nightly").get(0).getMetadata().getName();

      CliHarness.Result second = CliHarness.trigger(concat(nightly, good));
      CliHarness.Result firstFailure = CliHarness.trigger(concat(nightly, bad));
      CliHarness.Result secondFailure = CliHarness.trigger(concat(nightly, bad));

      assertThat(second.exitCode()).isZero();
      assertThat(second.stderr())
          .contains(
              "deleted pval-demo/"
                  + firstName
                  + " (Succeeded): beyond the last 1 Succeeded runs of schedule nightly");
      assertThat(firstFailure.exitCode()).isEqualTo(1);
      assertThat(firstFailure.stdout())
          .contains(": Failed, 0/1 passed")
          .contains("ProvisioningTimeout");
      assertThat(secondFailure.exitCode()).isEqualTo(1);
      // A pruned run goes once the operator's finalizer has cleaned up after it.
      await().atMost(Duration.ofSeconds(30)).until(() -> runsOf(sandbox, "nightly").size() == 2);
      List<ProvisioningValidation> kept = runsOf(sandbox, "nightly");
      assertThat(kept)
          .extracting(r -> r.getStatus().getPhase())
          .containsExactlyInAnyOrder(Phase.Succeeded, Phase.Failed);
      assertThat(kept)
          .extracting(r -> r.getMetadata().getName())
          .doesNotContain(firstName)
          .allMatch(name -> name.matches("nightly-[-a-z0-9]+"));
      assertThat(runsOf(sandbox, "weekly")).as("another schedule's runs are not pruned").hasSize(1);
      assertThat(kept).allSatisfy(r -> assertThat(r.getSpec().getScenarios()).hasSize(1));
    }
  }

  @Test
  void readsTheTemplateFromAConfigMap(@TempDir Path dir) {
    try (Sandbox sandbox = Sandbox.start(SandboxOptions.defaults())) {
      sandbox.startOperator();
      sandbox
          .client()
          .configMaps()
          .inNamespace(Sandbox.NAMESPACE)
          .resource(
              new ConfigMapBuilder()
                  .withNewMetadata()
                  .withName("pval-template")
                  .endMetadata()
                  .withData(
                      Map.of(
                          TriggerCommand.TEMPLATE_KEY,
                          SandboxRuns.yaml(SandboxRuns.passing(sandbox, "hourly"))))
                  .build())
          .create();
      String kubeconfig =
          Kubeconfig.write(sandbox.client(), dir.resolve("kubeconfig"), Sandbox.NAMESPACE)
              .toString();

      CliHarness.Result result =
          CliHarness.trigger(
              List.of(
                  "--kubeconfig",
                  kubeconfig,
                  "--schedule",
                  "hourly",
                  "--template-configmap",
                  "pval-template"));

      assertThat(result.exitCode()).as(result.stderr()).isZero();
      assertThat(runsOf(sandbox, "hourly"))
          .singleElement()
          .satisfies(r -> assertThat(r.getMetadata().getName()).startsWith("hourly-"));

      CliHarness.Result missing =
          CliHarness.trigger(
              List.of(
                  "--kubeconfig",
                  kubeconfig,
                  "--schedule",
                  "hourly",
                  "--template-configmap",
                  "no-such-map"));
      assertThat(missing.exitCode()).isEqualTo(2);
      assertThat(missing.stderr())
          .contains("ConfigMap pval-demo/no-such-map does not exist or has no key validation.yaml");
    }
  }

  @Test
  void badArgumentsExitTwoWithUsageBeforeTouchingAnyCluster(@TempDir Path dir) throws Exception {
    Path notACr =
        Files.writeString(
            dir.resolve("pod.yaml"), "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n");
    Map<List<String>, String> cases =
        Map.of(
            List.of("--template", "x.yaml"), "--schedule is required",
            List.of("--schedule", "nightly"), "give one of --template and --template-configmap",
            List.of("--schedule", "Nightly Run", "--template", "x.yaml"),
                "--schedule must be a label value",
            List.of("--schedule", "n", "--template", "x.yaml", "--keep-failed", "-1"),
                "--keep-failed takes a count",
            List.of("--schedule", "n", "--template", "x.yaml", "--timeout", "soon"),
                "--timeout: not a duration",
            List.of("--schedule", "n", "--template", "x.yaml", "--gremlins", "yes"),
                "unknown option --gremlins");
    cases.forEach(
        (args, message) -> {
          CliHarness.Result result = CliHarness.trigger(args);
          assertThat(result.exitCode()).as("%s", args).isEqualTo(2);
          assertThat(result.stderr())
              .as("%s", args)
              .contains(message)
              .contains("usage: provisioning-validator trigger");
          assertThat(result.stdout()).as("%s", args).isEmpty();
        });
    try (Sandbox sandbox = Sandbox.start(SandboxOptions.defaults())) {
      String kubeconfig =
          Kubeconfig.write(sandbox.client(), dir.resolve("kubeconfig"), Sandbox.NAMESPACE)
              .toString();
      CliHarness.Result pod =
          CliHarness.trigger(
              List.of(
                  "--kubeconfig", kubeconfig, "--schedule", "n", "--template", notACr.toString()));
      assertThat(pod.exitCode()).isEqualTo(2);
      assertThat(pod.stderr())
          .contains("is not a validation.s3csi.dev/v1alpha1 ProvisioningValidation");
      assertThat(
              sandbox
                  .client()
                  .resources(ProvisioningValidation.class)
                  .inAnyNamespace()
                  .list()
                  .getItems())
          .isEmpty();
    }
  }

  private static List<String> concat(List<String> args, String last) {
    List<String> all = new java.util.ArrayList<>(args);
    all.add(last);
    return all;
  }
}
