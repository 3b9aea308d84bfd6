package dev.s3csi.validator.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.s3csi.validator.api.Phase;
import dev.s3csi.validator.api.ProvisioningValidation;
import dev.s3csi.validator.kube.RunWaiter;
import dev.s3csi.validator.reconciler.OperatorSettings;
import dev.s3csi.validator.reconciler.ValidatorOperator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.OperatorException;

/**
 * One validation against the current kubeconfig's cluster, with the operator in this process: no
 * installation beyond the CRD, which it installs when missing (and leaves). Prints the result
 * table, deletes the run, exits 0 when it succeeded, 1 when it did not, 2 for bad input.
 */
final class RunCommand {
  static final Duration CLEANUP_MARGIN = Duration.ofMinutes(2);

  /** How long a just-installed CRD may take to be served. */
  static final Duration CRD_SERVED = Duration.ofSeconds(30);

  private static final Duration GONE_POLL = Duration.ofMillis(250);
  static final String USAGE =
      String.join(
          "\n",
          "usage: provisioning-validator run -f cr.yaml [options]",
          "Runs one validation against a cluster with the operator inside this command: installs the CRD when",
          "missing (and leaves it), creates the run, prints its result, deletes it. Exit 0 when it passed, 1 when",
          "it failed or the cluster cannot be used, 2 for bad arguments or a bad file.",
          "  -f, --file FILE        the ProvisioningValidation to run (without a name, one is generated)",
          "  --namespace NS         where it runs (default: the file's, else the kubeconfig context's)",
          "  --probe-image IMAGE    probe pods' image when the CR names none (default: $PROBE_IMAGE, else",
          "                         " + OperatorSettings.DEFAULT_PROBE_IMAGE + ")",
          "  --timeout DURATION     how long to wait (default: the run's timeouts.run + "
              + CLEANUP_MARGIN.toMinutes()
              + "m)",
          "  --output table|wide    table: one line per scenario (default); wide: every step",
          "  --kubeconfig FILE      the cluster (default: $KUBECONFIG, then ~/.kube/config)",
          "Environment: KUBECONFIG, PROBE_IMAGE.",
          "Do not use it where the operator is installed: both would drive the run.");

  private RunCommand() {}

  static int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
    Flags flags;
    ProvisioningValidation requested;
    ResultTable.Style style;
    try {
      flags =
          Flags.parse(
              args,
              Set.of(
                  "--file",
                  "--namespace",
                  "--probe-image",
                  "--timeout",
                  "--output",
                  ClusterAccess.KUBECONFIG),
              Map.of("-f", "--file"));
      if (flags.help()) {
        out.println(USAGE);
        return 0;
      }
      requested = RunDocument.read(Path.of(flags.required("--file")));
      flags.duration("--timeout");
      style = ResultTable.Style.of(flags.get("--output"));
    } catch (IllegalArgumentException e) {
      return Flags.usageError(err, e, USAGE);
    }
    return ClusterAccess.run(
        flags.get(ClusterAccess.KUBECONFIG),
        env,
        err,
        cluster -> run(cluster, flags, requested, style, env, out, err));
  }

  private static int run(
      ClusterAccess cluster,
      Flags flags,
      ProvisioningValidation requested,
      ResultTable.Style style,
      Map<String, String> env,
      PrintStream out,
      PrintStream err) {
    try (KubernetesClient client = cluster.client()) {
      String doing = "read the CRD";
      try {
        String namespace = Namespaces.forRun(flags, requested, client);
        requested.getMetadata().setNamespace(namespace);
        if (requested.getMetadata().getName() == null
            && requested.getMetadata().getGenerateName() == null) {
          requested.getMetadata().setGenerateName("pval-run-");
        }
        boolean installed = !cluster.crdServed();
        if (installed) {
          doing =
              "install the CRD "
                  + CrdInstaller.NAME
                  + " (a cluster admin can: kubectl apply -f crds/)";
          CrdInstaller.install(client);
          err.println(
              "installed CRD "
                  + CrdInstaller.NAME
                  + " (it stays: deleting a CRD deletes every run)");
        }
        String probeImage =
            flags
                .get("--probe-image")
                .orElseGet(() -> OperatorSettings.fromEnvironment(env).probeImage());
        try (ValidatorOperator operator =
            new ValidatorOperator(
                client, new OperatorSettings(Set.of(namespace), probeImage), Clock.systemUTC())) {
          doing = "start the operator's watches in " + namespace;
          operator.start();
          ProvisioningValidation created;
          try {
            created = create(client, requested, installed);
          } catch (KubernetesClientException e) {
            err.println("the API server refused the run: " + e.getMessage());
            return e.getCode() >= 400
                    && e.getCode() < 500
                    && e.getCode() != 401
                    && e.getCode() != 403
                ? Main.USAGE
                : 1;
          }
          String name = created.getMetadata().getName();
          err.println("running " + namespace + "/" + name + " on " + cluster.describe());
          doing = "follow " + namespace + "/" + name;
          Duration limit =
              flags
                  .duration("--timeout")
                  .orElseGet(() -> RunWaiter.limitFor(created, CLEANUP_MARGIN));
          ProvisioningValidation result =
              new RunWaiter(client).awaitFinished(namespace, name, limit);
          out.print(ResultTable.render(result == null ? created : result, style));
          deleteAndAwait(client, created, err);
          if (!RunWaiter.isFinished(result)) {
            err.println(namespace + "/" + name + " did not finish within " + limit);
            return 1;
          }
          return result.getStatus().getPhase() == Phase.Succeeded ? 0 : 1;
        }
      } catch (KubernetesClientException | OperatorException e) {
        throw cluster.problem(e, doing);
      }
    }
  }

  /**
   * Creates the run; right after installing the CRD, the API server may need a moment to serve it.
   */
  private static ProvisioningValidation create(
      KubernetesClient client, ProvisioningValidation run, boolean crdJustInstalled) {
    long deadline = System.nanoTime() + CRD_SERVED.toNanos();
    while (true) {
      try {
        return client.resource(run).create();
      } catch (KubernetesClientException e) {
        if (!crdJustInstalled || e.getCode() != 404 || System.nanoTime() > deadline) {
          throw e;
        }
        sleep(Duration.ofMillis(500));
      }
    }
  }

  /**
   * Deletes the run while its operator still runs, so that a finalizer on it is honoured; its
   * objects were already cleaned up by the run's own cleanup steps (unless keepResources says not).
   * Asks the API server until the run is gone rather than watching: a watch opened while the
   * finalizer is being removed can miss the deletion (the mock API server drops events between list
   * and watch), and a one-shot command can afford a GET every quarter second.
   */
  private static void deleteAndAwait(
      KubernetesClient client, ProvisioningValidation run, PrintStream err) {
    var resource =
        client
            .resources(ProvisioningValidation.class)
            .inNamespace(run.getMetadata().getNamespace())
            .withName(run.getMetadata().getName());
    resource.delete();
    long deadline = System.nanoTime() + CLEANUP_MARGIN.toNanos();
    while (resource.get() != null) {
      if (System.nanoTime() > deadline) {
        err.println(
            "the run was not gone within " + CLEANUP_MARGIN.toSeconds() + "s of its deletion");
        return;
      }
      sleep(GONE_POLL);
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
