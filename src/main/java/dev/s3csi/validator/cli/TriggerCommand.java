package dev.s3csi.validator.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import dev.s3csi.validator.api.Phase;
import dev.s3csi.validator.api.ProvisioningValidation;
import dev.s3csi.validator.kube.RunWaiter;
import dev.s3csi.validator.kube.ScheduleLabel;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * What the CronJob runs: creates one run from a template, labelled with its schedule, waits for it
 * to finish, prints its result, and keeps only the latest finished runs of that schedule, as a
 * CronJob keeps its Jobs. Exit code 0 when the run succeeded, 1 when it failed or did not finish in
 * time, 2 for bad arguments or a bad template.
 */
final class TriggerCommand {
  static final String TEMPLATE_KEY = "validation.yaml";
  static final int KEEP_SUCCEEDED = 3;
  static final int KEEP_FAILED = 1;
  static final Duration CLEANUP_MARGIN = Duration.ofMinutes(2);

  /** A label value: what the schedule name becomes on runs and in metrics. */
  private static final Pattern LABEL_VALUE =
      Pattern.compile("^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$");

  static final String USAGE =
      String.join(
          "\n",
          "usage: provisioning-validator trigger --schedule NAME (--template FILE | --template-configmap NAME) [options]",
          "What the chart's CronJob runs: creates one run from the template, waits for it, prints its result, and",
          "deletes the schedule's older finished runs. Exit 0 when the run passed, 1 when it failed, did not finish",
          "or the cluster cannot be used, 2 for bad arguments or a bad template. Needs the operator installed.",
          "  --schedule NAME            label "
              + ScheduleLabel.KEY
              + " of the run; the schedule label of the metrics",
          "  --template FILE            the ProvisioningValidation to create; its name is the prefix of the generated name",
          "  --template-configmap NAME  the same, from key "
              + TEMPLATE_KEY
              + " of a ConfigMap in the namespace",
          "  --namespace NS             where the run goes (default: the template's, else the kubeconfig's)",
          "  --keep-succeeded N         successful runs of the schedule to keep (default "
              + KEEP_SUCCEEDED
              + ")",
          "  --keep-failed N            failed runs of the schedule to keep (default "
              + KEEP_FAILED
              + ")",
          "  --timeout DURATION         how long to wait (default: the run's timeouts.run + "
              + CLEANUP_MARGIN.toMinutes()
              + "m)",
          "  --output table|wide        table: one line per scenario (default); wide: every step",
          "  --kubeconfig FILE          the cluster (default: $KUBECONFIG, then ~/.kube/config, then the pod's service account)",
          "Environment: KUBECONFIG.");

  private TriggerCommand() {}

  static int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
    Flags flags;
    String schedule;
    ResultTable.Style style;
    try {
      flags =
          Flags.parse(
              args,
              Set.of(
                  "--schedule",
                  "--template",
                  "--template-configmap",
                  "--namespace",
                  "--keep-succeeded",
                  "--keep-failed",
                  "--timeout",
                  "--output",
                  ClusterAccess.KUBECONFIG),
              Map.of());
      if (flags.help()) {
        out.println(USAGE);
        return 0;
      }
      schedule = flags.required("--schedule");
      if (!LABEL_VALUE.matcher(schedule).matches()) {
        throw new IllegalArgumentException(
            "--schedule must be a label value (63 characters, alphanumerics and -_.), not '"
                + schedule
                + "'");
      }
      if (flags.get("--template").isPresent() == flags.get("--template-configmap").isPresent()) {
        throw new IllegalArgumentException("give one of --template and --template-configmap");
      }
      flags.count("--keep-succeeded", 0);
      flags.count("--keep-failed", 0);
      flags.duration("--timeout");
      style = ResultTable.Style.of(flags.get("--output"));
    } catch (IllegalArgumentException e) {
      return Flags.usageError(err, e, USAGE);
    }
    return ClusterAccess.run(
        flags.get(ClusterAccess.KUBECONFIG),
        env,
        err,
        cluster -> run(cluster, flags, schedule, style, out, err));
  }

  private static int run(
      ClusterAccess cluster,
      Flags flags,
      String schedule,
      ResultTable.Style style,
      PrintStream out,
      PrintStream err) {
    try (KubernetesClient client = cluster.client()) {
      String doing = "read the template";
      try {
        ProvisioningValidation template;
        try {
          template = template(client, flags);
        } catch (IllegalArgumentException e) {
          err.println(e.getMessage());
          return Main.USAGE;
        }
        String namespace = Namespaces.forRun(flags, template, client);
        doing = "create a run in " + namespace;
        ProvisioningValidation created =
            client.resource(instantiate(template, schedule, namespace)).create();
        String name = created.getMetadata().getName();
        err.println(
            "created "
                + namespace
                + "/"
                + name
                + " for schedule "
                + schedule
                + " on "
                + cluster.describe());
        doing = "follow " + namespace + "/" + name;
        Duration limit =
            flags
                .duration("--timeout")
                .orElseGet(() -> RunWaiter.limitFor(created, CLEANUP_MARGIN));
        ProvisioningValidation result = new RunWaiter(client).awaitFinished(namespace, name, limit);
        out.print(ResultTable.render(result == null ? created : result, style));
        doing = "delete the older runs of schedule " + schedule;
        prune(
            client,
            namespace,
            schedule,
            flags.count("--keep-succeeded", KEEP_SUCCEEDED),
            flags.count("--keep-failed", KEEP_FAILED),
            err);
        if (!RunWaiter.isFinished(result)) {
          err.println(
              namespace
                  + "/"
                  + name
                  + " did not finish within "
                  + limit
                  + "; it is left to the operator");
          return 1;
        }
        return result.getStatus().getPhase() == Phase.Succeeded ? 0 : 1;
      } catch (KubernetesClientException e) {
        throw cluster.problem(e, doing);
      }
    }
  }

  private static ProvisioningValidation template(KubernetesClient client, Flags flags) {
    Optional<String> file = flags.get("--template");
    if (file.isPresent()) {
      return RunDocument.read(Path.of(file.get()));
    }
    String configMap = flags.required("--template-configmap");
    String namespace = flags.get("--namespace").orElseGet(() -> Namespaces.ofContext(client));
    ConfigMap map = client.configMaps().inNamespace(namespace).withName(configMap).get();
    String origin = "ConfigMap " + namespace + "/" + configMap;
    if (map == null || map.getData() == null || map.getData().get(TEMPLATE_KEY) == null) {
      throw new IllegalArgumentException(origin + " does not exist or has no key " + TEMPLATE_KEY);
    }
    return RunDocument.parse(map.getData().get(TEMPLATE_KEY), origin + " key " + TEMPLATE_KEY);
  }

  /** A new run from the template: a generated name, the schedule label, the template's spec. */
  static ProvisioningValidation instantiate(
      ProvisioningValidation template, String schedule, String namespace) {
    var meta = template.getMetadata();
    String prefix =
        Optional.ofNullable(meta.getName())
            .or(() -> Optional.ofNullable(meta.getGenerateName()))
            .orElse(schedule);
    Map<String, String> labels =
        new HashMap<>(meta.getLabels() == null ? Map.of() : meta.getLabels());
    labels.put(ScheduleLabel.KEY, schedule);
    ProvisioningValidation run = new ProvisioningValidation();
    run.getMetadata().setGenerateName(prefix.endsWith("-") ? prefix : prefix + "-");
    run.getMetadata().setNamespace(namespace);
    run.getMetadata().setLabels(labels);
    run.getMetadata().setAnnotations(meta.getAnnotations());
    run.setSpec(template.getSpec());
    return run;
  }

  /**
   * Deletes the schedule's finished runs beyond the limits, oldest first; running ones are never
   * touched.
   */
  static void prune(
      KubernetesClient client,
      String namespace,
      String schedule,
      int keepSucceeded,
      int keepFailed,
      PrintStream err) {
    List<ProvisioningValidation> finished =
        client
            .resources(ProvisioningValidation.class)
            .inNamespace(namespace)
            .withLabel(ScheduleLabel.KEY, schedule)
            .list()
            .getItems()
            .stream()
            .filter(RunWaiter::isFinished)
            .sorted(Comparator.comparing(TriggerCommand::completion).reversed())
            .toList();
    for (Phase phase : List.of(Phase.Succeeded, Phase.Failed)) {
      int keep = phase == Phase.Succeeded ? keepSucceeded : keepFailed;
      finished.stream()
          .filter(r -> r.getStatus().getPhase() == phase)
          .skip(keep)
          .forEach(
              old -> {
                client.resource(old).delete();
                err.println(
                    "deleted "
                        + namespace
                        + "/"
                        + old.getMetadata().getName()
                        + " ("
                        + phase
                        + "): beyond the last "
                        + keep
                        + " "
                        + phase
                        + " runs of schedule "
                        + schedule);
              });
    }
  }

  /** When a finished run completed; finished runs always carry their completion time. */
  private static Instant completion(ProvisioningValidation run) {
    String completed = run.getStatus().getCompletionTime();
    return completed == null ? Instant.EPOCH : Instant.parse(completed);
  }
}
