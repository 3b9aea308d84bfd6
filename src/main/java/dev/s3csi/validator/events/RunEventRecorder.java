package dev.s3csi.validator.events;

import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.s3csi.validator.api.Outcome;
import dev.s3csi.validator.api.Phase;
import dev.s3csi.validator.api.ProvisioningValidation;
import dev.s3csi.validator.api.ValidationStatus;
import dev.s3csi.validator.kube.RunLabels;
import dev.s3csi.validator.observe.RunObserver;
import dev.s3csi.validator.observe.Transition;
import dev.s3csi.validator.status.Conditions;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * Kubernetes Events on the run for every scenario transition and for the run's end, so that {@code
 * kubectl describe pval} tells the story. Each event's name is derived from the run's UID and the
 * transition: a transition reported twice (a retried write) is one event, not two. Events are a
 * courtesy: failing to write one is logged, never fails the run.
 */
public final class RunEventRecorder implements RunObserver {
  public static final String COMPONENT = RunLabels.MANAGER;
  static final String NORMAL = "Normal";
  static final String WARNING = "Warning";

  /** The API server's limit for an event's message (events.k8s.io) is 1 KiB; stay under it. */
  static final int MAX_MESSAGE = 1024;

  static final int MAX_NAME = 253;
  private static final Logger LOG = LoggerFactory.getLogger(RunEventRecorder.class);

  private final KubernetesClient client;
  private final Clock clock;
  private final String instance;

  /**
   * @param instance the reporting instance: the operator's pod name
   */
  public RunEventRecorder(KubernetesClient client, Clock clock, String instance) {
    this.client = client;
    this.clock = clock;
    this.instance = instance;
  }

  @Override
  public void persisted(
      ProvisioningValidation run, ValidationStatus persisted, List<Transition> transitions) {
    for (Transition transition : transitions) {
      describe(transition).ifPresent(e -> record(run, e));
    }
  }

  /** A warning about the run outside its transitions: refused input, cleanup held up by S3. */
  public void warning(ProvisioningValidation run, String reason, String message) {
    record(run, new RunEvent(WARNING, reason, message));
  }

  /**
   * What an event says about a transition; step transitions other than failed cleanups say nothing.
   * A note's event carries the note's reason, so that {@code kubectl get events --field-selector
   * reason=InvalidParameterIgnored} finds them.
   */
  static Optional<RunEvent> describe(Transition transition) {
    if (transition instanceof Transition.ScenarioStarted started) {
      return Optional.of(new RunEvent(NORMAL, "ScenarioStarted", started.scenario() + ": started"));
    }
    if (transition instanceof Transition.ScenarioFinished finished) {
      return Optional.of(
          finished.outcome() == Outcome.Passed
              ? new RunEvent(
                  NORMAL, "ScenarioPassed", finished.scenario() + ": " + finished.message())
              : new RunEvent(
                  WARNING,
                  "ScenarioFailed",
                  finished.scenario()
                      + " failed with "
                      + finished.reason()
                      + ": "
                      + finished.message()));
    }
    if (transition instanceof Transition.NoteAdded note) {
      // A Normal event: a note is worth reading, not worth a warning; its reason is the note's.
      return Optional.of(
          new RunEvent(NORMAL, note.reason().name(), note.scenario() + ": " + note.message()));
    }
    if (transition instanceof Transition.StepFinished step
        && step.cleanup()
        && step.outcome() == Outcome.Failed) {
      return Optional.of(
          new RunEvent(
              WARNING,
              "CleanupFailed",
              step.scenario() + ": cleanup step " + step.step() + " failed: " + step.message()));
    }
    if (transition instanceof Transition.RunFinished finished) {
      return Optional.of(
          finished.phase() == Phase.Succeeded
              ? new RunEvent(NORMAL, "RunSucceeded", finished.summary())
              : new RunEvent(WARNING, "RunFailed", finished.summary() + ": " + finished.message()));
    }
    return Optional.empty();
  }

  private void record(ProvisioningValidation run, RunEvent event) {
    String now = Conditions.timestamp(clock.instant());
    Event object =
        new EventBuilder()
            .withNewMetadata()
            .withName(eventName(run, event))
            .withNamespace(run.getMetadata().getNamespace())
            .endMetadata()
            .withNewInvolvedObject()
            .withApiVersion(run.getApiVersion())
            .withKind(run.getKind())
            .withName(run.getMetadata().getName())
            .withNamespace(run.getMetadata().getNamespace())
            .withUid(run.getMetadata().getUid())
            .endInvolvedObject()
            .withType(event.type())
            .withReason(event.reason())
            .withMessage(truncate(event.message()))
            .withCount(1)
            .withFirstTimestamp(now)
            .withLastTimestamp(now)
            .withNewSource()
            .withComponent(COMPONENT)
            .endSource()
            .withReportingComponent(COMPONENT)
            .withReportingInstance(instance)
            .build();
    try {
      client.v1().events().inNamespace(run.getMetadata().getNamespace()).resource(object).create();
    } catch (KubernetesClientException e) {
      if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
        LOG.warn(
            "run {}/{}: could not record event {}: {}",
            run.getMetadata().getNamespace(),
            run.getMetadata().getName(),
            event.reason(),
            e.getMessage());
      }
    }
  }

  /** {@code <run>.<16 hex>}, within the 253 characters a name may have. */
  static String eventName(ProvisioningValidation run, RunEvent event) {
    String prefix = run.getMetadata().getName();
    prefix = prefix.length() > MAX_NAME - 17 ? prefix.substring(0, MAX_NAME - 17) : prefix;
    return prefix + "." + digest(run.getMetadata().getUid(), event);
  }

  private static String truncate(String message) {
    return message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE - 1) + "…";
  }

  private static String digest(String uid, RunEvent event) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256")
              .digest(
                  (uid + "/" + event.reason() + "/" + event.message())
                      .getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JRE", e);
    }
  }

  /** An event's content. */
  record RunEvent(String type, String reason, String message) {}
}
