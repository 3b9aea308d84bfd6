package dev.s3csi.validator.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.s3csi.validator.api.ProvisioningValidation;
import dev.s3csi.validator.cli.ResultTable;
import dev.s3csi.validator.reconciler.ValidatorOperator;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;

/**
 * {@code mvn -Pdemo}: starts the sandbox and the real operator, runs one validation, prints the
 * result and what the run left behind. Exit code 0 when the run succeeded and left nothing, 1 when
 * it did not, 2 for bad arguments or input.
 */
public final class Demo {
  static final int SUCCEEDED = 0;
  static final int FAILED = 1;
  static final int USAGE = 2;
  private static final Duration WAIT_MARGIN = Duration.ofSeconds(60);
  private static final Duration WAIT_FOR_COUNT = Duration.ofSeconds(5);

  private Demo() {}

  public static void main(String[] args) {
    System.exit(run(Arrays.asList(args), System.out, System.err));
  }

  static int run(List<String> args, PrintStream out, PrintStream err) {
    DemoOptions options;
    ProvisioningValidation requested;
    try {
      options = DemoOptions.parse(args);
      requested = options.file() == null ? null : read(options);
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      err.println(DemoOptions.USAGE);
      return USAGE;
    }
    SandboxOptions sandboxOptions = SandboxOptions.defaults()
        .withProfile(options.profile())
        .withFaults(options.faults())
        .withCredentials(options.accessKey(), options.secretKey());
    try (Sandbox sandbox = Sandbox.start(sandboxOptions); ValidatorOperator operator = sandbox.startOperator()) {
      ProvisioningValidation run = requested == null ? sandbox.validation("demo", options.scenarios()) : requested;
      sandbox.fillS3(run);
      try {
        sandbox.client().resource(run).create();
      } catch (KubernetesClientException e) {
        err.println("the API server refused " + run.getMetadata().getName() + ": " + e.getStatus().getMessage());
        return USAGE;
      }
      ProvisioningValidation result = new RunWatcher(sandbox.client()).awaitFinished(run, WAIT_MARGIN);
      Audit audit = sandbox.audit();
      print(options.output(), result, audit, out);
      if (options.metricsOut() != null && !writeMetrics(operator, options.metricsOut(), err)) {
        return USAGE;
      }
      boolean succeeded = result.getStatus() != null && result.getStatus().getPhase() == dev.s3csi.validator.api.Phase.Succeeded;
      return succeeded && audit.isClean() ? SUCCEEDED : FAILED;
    }
  }

  private static ProvisioningValidation read(DemoOptions options) {
    try (InputStream in = Files.newInputStream(options.file())) {
      ProvisioningValidation run = Serialization.unmarshal(in, ProvisioningValidation.class);
      if (run == null || run.getMetadata() == null || run.getMetadata().getName() == null) {
        throw new IllegalArgumentException(options.file() + ": not a ProvisioningValidation with metadata.name");
      }
      if (run.getMetadata().getNamespace() == null) {
        run.getMetadata().setNamespace(Sandbox.NAMESPACE);
      }
      return run;
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + options.file() + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(options.file() + " is not a ProvisioningValidation: " + e.getMessage(), e);
    }
  }

  /** Writes the exposition once the operator has counted the run, which it does right after writing its status. */
  private static boolean writeMetrics(ValidatorOperator operator, java.nio.file.Path file, PrintStream err) {
    long deadline = System.nanoTime() + WAIT_FOR_COUNT.toNanos();
    while (operator.registry().find("pval.runs").counters().stream().mapToDouble(c -> c.count()).sum() < 1
        && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    try {
      Files.writeString(file, operator.registry().scrape());
      return true;
    } catch (IOException e) {
      err.println("cannot write the metrics to " + file + ": " + e.getMessage());
      return false;
    }
  }

  private static void print(DemoOptions.Output output, ProvisioningValidation result, Audit audit, PrintStream out) {
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("validations", List.of(result));
    document.put("audit", audit);
    switch (output) {
      case JSON -> out.println(Serialization.asJson(document));
      case YAML -> out.print(Serialization.asYaml(document));
      default -> {
        out.print(ResultTable.render(result));
        out.println(audit.describe());
      }
    }
  }
}
