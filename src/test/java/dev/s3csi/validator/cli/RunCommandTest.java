package dev.s3csi.validator.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.s3csi.validator.api.ProvisioningValidation;
import dev.s3csi.validator.harness.Kubeconfig;
import dev.s3csi.validator.harness.Sandbox;
import dev.s3csi.validator.harness.SandboxRuns;
import dev.s3csi.validator.sandbox.SandboxOptions;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code run -f}: the operator in-process against the sandbox's API server, reached through a
 * kubeconfig file.
 */
@EnableKubernetesMockClient(crud = true)
class RunCommandTest {
  KubernetesClient bareCluster;

  @Test
  void runsOneValidationPrintsItsTableAndLeavesNothingBehind(@TempDir Path dir) throws Exception {
    try (Sandbox sandbox = Sandbox.start(SandboxOptions.defaults())) {
      String kubeconfig =
          Kubeconfig.write(sandbox.client(), dir.resolve("kubeconfig"), Sandbox.NAMESPACE)
              .toString();
      ProvisioningValidation passing = SandboxRuns.passing(sandbox, "one-off");
      passing.getMetadata().setNamespace(null);
      Path good = Files.writeString(dir.resolve("good.yaml"), SandboxRuns.yaml(passing));
      Path bad =
          Files.writeString(
              dir.resolve("bad.yaml"), SandboxRuns.yaml(SandboxRuns.unserved(sandbox, "broken")));

      CliHarness.Result success =
          CliHarness.run(
              List.of("-f", good.toString(), "--kubeconfig", kubeconfig, "--output", "wide"));

      assertThat(success.exitCode()).as(success.stderr()).isZero();
      assertThat(success.stderr())
          .contains("running pval-demo/one-off on http://localhost:")
          .doesNotContain("installed CRD");
      assertThat(success.stdout())
          .contains("pval-demo/one-off: Succeeded, 1/1 passed")
          .containsPattern("(?m)^ +verifyObjects +Passed");
      assertThat(
              sandbox
                  .client()
                  .resources(ProvisioningValidation.class)
                  .inAnyNamespace()
                  .list()
                  .getItems())
          .as("run deleted")
          .isEmpty();
      assertThat(sandbox.audit().isClean()).as("%s", sandbox.audit()).isTrue();

      CliHarness.Result failure =
          CliHarness.run(List.of("--file", bad.toString(), "--kubeconfig", kubeconfig));

      assertThat(failure.exitCode()).isEqualTo(1);
      assertThat(failure.stdout())
          .contains("pval-demo/broken: Failed, 0/1 passed")
          .contains("ProvisioningTimeout");
      assertThat(
              sandbox
                  .client()
                  .resources(ProvisioningValidation.class)
                  .inAnyNamespace()
                  .list()
                  .getItems())
          .isEmpty();
      assertThat(sandbox.audit().isClean()).as("%s", sandbox.audit()).isTrue();
    }
  }

  @Test
  void installsTheCrdWhenTheClusterHasNoneAndReportsAnInvalidSpec(@TempDir Path dir)
      throws Exception {
    String kubeconfig =
        Kubeconfig.write(bareCluster, dir.resolve("kubeconfig"), "checks").toString();
    Path cr =
        Files.writeString(
            dir.resolve("cr.yaml"),
            String.join(
                "\n",
                "apiVersion: validation.s3csi.dev/v1alpha1",
                "kind: ProvisioningValidation",
                "metadata: {name: no-s3}",
                "spec: {scenarios: [dedicatedBucket]}",
                ""));

    CliHarness.Result result =
        CliHarness.run(List.of("-f", cr.toString(), "--kubeconfig", kubeconfig));

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr())
        .contains("installed CRD provisioningvalidations.validation.s3csi.dev")
        .contains("running checks/no-s3");
    assertThat(result.stdout())
        .contains("checks/no-s3: Failed, 0/0 passed")
        .contains("InvalidSpec: spec.s3: is required");
    assertThat(
            bareCluster
                .apiextensions()
                .v1()
                .customResourceDefinitions()
                .withName(CrdInstaller.NAME)
                .get())
        .isNotNull();
  }

  @Test
  void badInputExitsTwoWithUsage(@TempDir Path dir) throws Exception {
    Path pod =
        Files.writeString(
            dir.resolve("pod.yaml"), "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n");
    for (List<String> args :
        List.<List<String>>of(
            List.of(),
            List.of("-f", dir.resolve("missing.yaml").toString()),
            List.of("-f", pod.toString()),
            List.of("-f", pod.toString(), "--kubeconfig"))) {
      CliHarness.Result result = CliHarness.run(args);
      assertThat(result.exitCode()).as("%s", args).isEqualTo(2);
      assertThat(result.stderr())
          .as("%s", args)
          .contains("usage: provisioning-validator run -f cr.yaml");
      assertThat(result.stdout()).as("%s", args).isEmpty();
    }
  }
}
