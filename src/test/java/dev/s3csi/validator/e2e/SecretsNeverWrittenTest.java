package dev.s3csi.validator.e2e;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

import dev.s3csi.validator.api.Phase;
import dev.s3csi.validator.api.ProvisioningValidation;
import dev.s3csi.validator.api.ScenarioName;
import dev.s3csi.validator.api.SecretReference;
import dev.s3csi.validator.harness.DemoHarness;
import dev.s3csi.validator.harness.RunWatcher;
import dev.s3csi.validator.harness.Sandbox;
import dev.s3csi.validator.reconciler.ValidatorOperator;
import dev.s3csi.validator.s3.S3Credentials;
import dev.s3csi.validator.sandbox.SandboxOptions;

import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * S3 credentials go from the referenced Secret into an S3 client and nowhere else: not into the
 * run's status, not into an event, not into a log line, not into the metrics, not into any object
 * the operator writes, not into the demo's output. Checked with values no other text could contain
 * by chance.
 */
@Isolated("captures System.err, where every test's logs go")
class SecretsNeverWrittenTest {
  static final String ACCESS = "AKIAPVALRECOGNIZABLE7";
  static final String SECRET = "pvalSecretRecognizable9Xy4Zq";

  /**
   * Runs {@code body} with everything written to stderr (where every logger writes) captured too.
   */
  static <T> T capturingLogs(ByteArrayOutputStream logs, Supplier<T> body) {
    PrintStream original = System.err;
    System.setErr(new PrintStream(new TeeStream(original, logs), true, StandardCharsets.UTF_8));
    try {
      return body.get();
    } finally {
      System.setErr(original);
    }
  }

  @Test
  void theDemoWithRecognizableCredentialsNeverShowsThemEvenUnderApiErrors(@TempDir Path dir)
      throws Exception {
    ByteArrayOutputStream logs = new ByteArrayOutputStream();
    Path metrics = dir.resolve("metrics.txt");

    DemoHarness.Result result =
        capturingLogs(
            logs,
            () ->
                DemoHarness.run(
                    List.of(
                        "--s3-credentials",
                        ACCESS + ":" + SECRET,
                        "--chaos",
                        "api-errors",
                        "--output",
                        "yaml",
                        "--metrics-out",
                        metrics.toString())));

    assertThat(result.exitCode()).as(result.stdout()).isZero();
    assertThat(Files.readString(metrics))
        .as("the metrics were written")
        .contains("pval_runs_total");
    String everything =
        result.stdout()
            + result.stderr()
            + logs.toString(StandardCharsets.UTF_8)
            + Files.readString(metrics);
    assertThat(everything).contains("phase: \"Succeeded\"").contains("s3-credentials");
    assertThat(logs.toString(StandardCharsets.UTF_8))
        .as("the operator's logs were captured")
        .contains("Created configuration for reconciler");
    assertThat(everything).doesNotContain(ACCESS).doesNotContain(SECRET);
  }

  @Test
  void wrongCredentialsFailTheRunWithoutShowingThemInStatusEventsLogsOrWrites() {
    String wrongAccess = "AKIAWRONGRECOGNIZABLE3";
    String wrongSecret = "wrongSecretRecognizable5Lm8";
    ByteArrayOutputStream logs = new ByteArrayOutputStream();
    try (Sandbox sandbox =
        Sandbox.start(SandboxOptions.defaults().withCredentials(ACCESS, SECRET))) {
      sandbox
          .client()
          .secrets()
          .inNamespace(Sandbox.NAMESPACE)
          .resource(
              new SecretBuilder()
                  .withNewMetadata()
                  .withName("wrong-keys")
                  .endMetadata()
                  .withStringData(
                      Map.of(
                          S3Credentials.ACCESS_KEY_ID,
                          wrongAccess,
                          S3Credentials.SECRET_ACCESS_KEY,
                          wrongSecret))
                  .build())
          .create();
      ProvisioningValidation run =
          sandbox.validation("wrong-keys", List.of(ScenarioName.DEDICATED_BUCKET));
      run.getSpec().getS3().setCredentialsSecretRef(new SecretReference("wrong-keys", null));

      ProvisioningValidation finished =
          capturingLogs(
              logs,
              () -> {
                ValidatorOperator operator = sandbox.startOperator();
                try {
                  sandbox.client().resource(run).create();
                  return new RunWatcher(sandbox.client())
                      .awaitFinished(run, Duration.ofSeconds(30));
                } finally {
                  operator.close();
                }
              });

      assertThat(finished.getStatus().getPhase()).isEqualTo(Phase.Failed);
      assertThat(finished.getStatus().getConditions())
          .anySatisfy(c -> assertThat(c.getMessage()).contains("403"));
      String written =
          Serialization.asYaml(finished)
              + Serialization.asYaml(sandbox.client().v1().events().inAnyNamespace().list())
              + sandbox.chaos().operatorWriteLog()
              + logs.toString(StandardCharsets.UTF_8);
      assertThat(written)
          .as("the scan covers the spec, which names the Secret")
          .contains("wrong-keys");
      assertThat(logs.toString(StandardCharsets.UTF_8))
          .as("the operator's logs were captured")
          .contains("Created configuration for reconciler");
      for (String value : List.of(wrongAccess, wrongSecret, ACCESS, SECRET)) {
        assertThat(written).doesNotContain(value);
      }
    }
  }

  /** Writes to two streams. */
  static final class TeeStream extends OutputStream {
    private final OutputStream first;
    private final OutputStream second;

    TeeStream(OutputStream first, OutputStream second) {
      this.first = first;
      this.second = second;
    }

    @Override
    public synchronized void write(int b) throws java.io.IOException {
      first.write(b);
      second.write(b);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws java.io.IOException {
      first.write(b, off, len);
      second.write(b, off, len);
    }
  }
}
