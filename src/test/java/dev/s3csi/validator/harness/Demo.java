package dev.s3csi.validator.harness;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.s3csi.validator.api.Phase;
import dev.s3csi.validator.api.ProvisioningValidation;
import dev.s3csi.validator.cli.Flags;
import dev.s3csi.validator.cli.ResultTable;
import dev.s3csi.validator.realworld.RealWorld;
import dev.s3csi.validator.realworld.RealWorldBinaries;
import dev.s3csi.validator.reconciler.OperatorSettings;
import dev.s3csi.validator.reconciler.ValidatorOperator;
import dev.s3csi.validator.s3.S3Credentials;
import dev.s3csi.validator.sandbox.S3Accounts;
import dev.s3csi.validator.sandbox.SandboxOptions;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;

/**
 * {@code mvn -Pdemo}: starts the sandbox and the real operator, runs one validation, prints the
 * result and what the run left behind. Exit code 0 when the run succeeded (or, with {@code --chaos
 * delete-mid-run}, was deleted and cleaned up) and left nothing, 1 when it did not, 2 for bad
 * arguments or input.
 */
public final class Demo {
  static final int SUCCEEDED = 0;
  static final int FAILED = 1;
  static final int USAGE = 2;
  private static final Duration WAIT_MARGIN = Duration.ofSeconds(60);
  private static final Duration WAIT_FOR_COUNT = Duration.ofSeconds(5);
  private static final String LOG_LEVEL = "org.slf4j.simpleLogger.defaultLogLevel";

  private Demo() {}

  public static void main(String[] args) {
    quietLogs();
    System.exit(run(Arrays.asList(args), System.out, System.err));
  }

  /**
   * The demo's output is its result: the operator's informational logs (which repeat it) stay out
   * of the terminal, its warnings do not. {@code -Dorg.slf4j.simpleLogger.defaultLogLevel=info}
   * brings them back. Set before the first logger exists, which reads it once.
   */
  private static void quietLogs() {
    if (System.getProperty(LOG_LEVEL) == null) {
      System.setProperty(LOG_LEVEL, "warn");
    }
  }

  static int run(List<String> args, PrintStream out, PrintStream err) {
    DemoOptions options;
    GenericKubernetesResource requested;
    try {
      options = DemoOptions.parse(args);
      if (options.help()) {
        out.println(DemoOptions.USAGE);
        return SUCCEEDED;
      }
      requested = options.file() == null ? null : read(options);
    } catch (IllegalArgumentException e) {
      return Flags.usageError(err, e, DemoOptions.USAGE);
    }
    if (options.cluster() == DemoOptions.ClusterKind.REAL
        && options.accounts() != S3Accounts.SHARED) {
      return Flags.usageError(
          err,
          new IllegalArgumentException(
              "--s3-accounts separate works on the sandbox only: the real world's S3 has one account"),
          DemoOptions.USAGE);
    }
    if (options.cluster() == DemoOptions.ClusterKind.REAL && !options.chaos().modes().isEmpty()) {
      return Flags.usageError(
          err,
          new IllegalArgumentException(
              "--chaos works on the sandbox only: the real world's API server and S3 are not ours to disturb"),
          DemoOptions.USAGE);
    }
    SandboxOptions sandboxOptions =
        SandboxOptions.defaults()
            .withProfile(options.profile())
            .withFaults(options.faults())
            .withCredentials(options.accessKey(), options.secretKey())
            .withAccounts(options.accounts());
    World world;
    try {
      world =
          options.cluster() == DemoOptions.ClusterKind.REAL
              ? RealWorld.start(
                  options.faults(),
                  new S3Credentials(options.accessKey(), options.secretKey()),
                  err)
              : Sandbox.start(sandboxOptions);
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      return USAGE;
    } catch (RealWorldBinaries.Unavailable e) {
      err.println(e.getMessage());
      return FAILED;
    }
    try (world;
        OperatorProcess operator =
            OperatorProcess.start(
                world, new OperatorSettings(Set.of(), OperatorSettings.DEFAULT_PROBE_IMAGE));
        ChaosRun chaos =
            world instanceof Sandbox sandbox
                ? new ChaosRun(sandbox, operator, options.chaos(), sandboxOptions.seed())
                : null) {
      ProvisioningValidation run;
      try {
        run =
            requested == null
                ? create(world, world.validation("demo", options.scenarios()))
                : create(world, requested, err);
      } catch (KubernetesClientException e) {
        err.println(
            "the API server refused the run: "
                + (e.getStatus() == null ? e.getMessage() : e.getStatus().getMessage()));
        return USAGE;
      }
      if (chaos != null) {
        chaos.watch(run);
      }
      RunWatcher watcher = new RunWatcher(world.client());
      ProvisioningValidation result;
      boolean gone = false;
      if (options.chaos().has(Chaos.DELETE_MID_RUN)) {
        gone = watcher.awaitGone(run, limit(run));
        result = chaos.lastSeen();
      } else {
        result = watcher.awaitFinished(run, WAIT_MARGIN);
        // Buckets whose deletion waited for S3 are deleted once it is back: wait for that too.
        ProvisioningValidation settled = watcher.awaitSettled(run, limit(run));
        result = settled == null ? result : settled;
      }
      ChaosRun.Summary summary = chaos == null ? null : chaos.finish();
      Audit audit = world.audit();
      print(options, world.info(), result, audit, summary, gone, out);
      if (options.metricsOut() != null
          && !writeMetrics(operator.current(), options.metricsOut(), err)) {
        return USAGE;
      }
      boolean succeeded =
          options.chaos().has(Chaos.DELETE_MID_RUN)
              ? gone
              : result != null
                  && result.getStatus() != null
                  && result.getStatus().getPhase() == Phase.Succeeded;
      return succeeded && audit.isClean() ? SUCCEEDED : FAILED;
    }
  }

  private static Duration limit(ProvisioningValidation run) {
    return new dev.s3csi.validator.spec.SpecDefaults("unused")
        .apply(run.getSpec(), run.getMetadata().getNamespace())
        .timeouts()
        .run()
        .plus(WAIT_MARGIN);
  }

  private static ProvisioningValidation create(World world, ProvisioningValidation run) {
    return world.client().resource(run).create();
  }

  /**
   * Sends the file as written, as kubectl does: admission judges it, not a Java model. First what
   * an admin would have created for it, said on stderr.
   */
  private static ProvisioningValidation create(
      World world, GenericKubernetesResource requested, PrintStream err) {
    RunPrerequisites.prepare(world, requested).forEach(line -> err.println("demo: " + line));
    GenericKubernetesResource created =
        world
            .client()
            .genericKubernetesResources(requested.getApiVersion(), requested.getKind())
            .inNamespace(requested.getMetadata().getNamespace())
            .resource(requested)
            .create();
    return Serialization.unmarshal(Serialization.asJson(created), ProvisioningValidation.class);
  }

  private static GenericKubernetesResource read(DemoOptions options) {
    try (InputStream in = Files.newInputStream(options.file())) {
      GenericKubernetesResource run = Serialization.unmarshal(in, GenericKubernetesResource.class);
      if (run == null
          || !"ProvisioningValidation".equals(run.getKind())
          || !(ProvisioningValidation.GROUP + "/" + ProvisioningValidation.VERSION)
              .equals(run.getApiVersion())
          || run.getMetadata() == null
          || run.getMetadata().getName() == null) {
        throw new IllegalArgumentException(
            options.file()
                + ": not a "
                + ProvisioningValidation.GROUP
                + "/"
                + ProvisioningValidation.VERSION
                + " ProvisioningValidation with metadata.name");
      }
      if (run.getMetadata().getNamespace() == null) {
        run.getMetadata().setNamespace(World.NAMESPACE);
      }
      return run;
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read " + options.file() + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      if (e instanceof IllegalArgumentException) {
        throw e;
      }
      throw new IllegalArgumentException(
          options.file() + " is not a ProvisioningValidation: " + e.getMessage(), e);
    }
  }

  /**
   * Writes the exposition once the operator has counted the run, which it does right after writing
   * its status.
   */
  private static boolean writeMetrics(
      ValidatorOperator operator, java.nio.file.Path file, PrintStream err) {
    long deadline = System.nanoTime() + WAIT_FOR_COUNT.toNanos();
    while (operator.registry().find("pval.runs").counters().stream()
                .mapToDouble(c -> c.count())
                .sum()
            < 1
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

  private static void print(
      DemoOptions options,
      ClusterInfo cluster,
      ProvisioningValidation result,
      Audit audit,
      ChaosRun.Summary chaos,
      boolean gone,
      PrintStream out) {
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("cluster", cluster);
    document.put("validations", result == null ? List.of() : List.of(result));
    document.put("audit", audit);
    if (!options.chaos().modes().isEmpty()) {
      document.put("chaos", chaos);
    }
    switch (options.output()) {
      case JSON -> out.println(Serialization.asJson(document));
      case YAML -> out.print(Serialization.asYaml(document));
      default -> {
        out.println(
            "cluster: "
                + cluster.kind()
                + (cluster.kubernetesVersion() == null
                    ? ""
                    : " Kubernetes " + cluster.kubernetesVersion())
                + ", driver "
                + cluster.driver()
                + (cluster.operatorUser() == null
                    ? ""
                    : ", operator as " + cluster.operatorUser()));
        if (result != null) {
          out.print(
              ResultTable.render(
                  result,
                  options.output() == DemoOptions.Output.WIDE
                      ? ResultTable.Style.WIDE
                      : ResultTable.Style.SUMMARY));
        }
        if (options.chaos().has(Chaos.DELETE_MID_RUN)) {
          out.println(
              gone
                  ? "deleted mid-run after "
                      + chaos.deletedAfterSteps()
                      + " finished steps: cleanup complete, finalizer removed"
                  : "deleted mid-run, but the run is still there: cleanup did not complete");
        }
        if (!options.chaos().modes().isEmpty()) {
          out.println(
              "chaos: operator restarts="
                  + chaos.operatorRestarts()
                  + " api errors injected="
                  + chaos.apiErrorsInjected()
                  + " (of "
                  + chaos.operatorWrites()
                  + " operator writes)"
                  + (chaos.s3Outage() == null ? "" : " s3 outage=" + chaos.s3Outage()));
        }
        out.println(audit.describe());
      }
    }
  }
}
