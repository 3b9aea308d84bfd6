package dev.s3csi.validator.reconciler;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.s3csi.validator.api.ProvisioningValidation;
import dev.s3csi.validator.status.Conditions;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * Kubernetes Events about a run, what {@code kubectl describe pval} shows. One event per run and
 * reason: its name derives from both, so a reconciliation that repeats itself (after a retry or a
 * restart) does not repeat the event. An event that cannot be written is logged, never fatal.
 */
final class RunEvents {
  static final String COMPONENT = "provisioning-validator";
  private static final Logger LOG = LoggerFactory.getLogger(RunEvents.class);
  private static final int CONFLICT = 409;

  private final KubernetesClient client;
  private final Clock clock;

  RunEvents(KubernetesClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  void warning(ProvisioningValidation run, String reason, String message) {
    String namespace = run.getMetadata().getNamespace();
    String now = Conditions.timestamp(Instant.now(clock));
    var event = new EventBuilder()
        .withNewMetadata()
        .withName(run.getMetadata().getName() + "." + Integer.toHexString((run.getMetadata().getUid() + reason).hashCode()))
        .withNamespace(namespace)
        .endMetadata()
        .withNewInvolvedObject()
        .withApiVersion(run.getApiVersion())
        .withKind(run.getKind())
        .withName(run.getMetadata().getName())
        .withNamespace(namespace)
        .withUid(run.getMetadata().getUid())
        .endInvolvedObject()
        .withType("Warning")
        .withReason(reason)
        .withMessage(message)
        .withNewSource(COMPONENT, null)
        .withReportingComponent(COMPONENT)
        .withFirstTimestamp(now)
        .withLastTimestamp(now)
        .withCount(1)
        .build();
    try {
      client.v1().events().inNamespace(namespace).resource(event).create();
    } catch (KubernetesClientException e) {
      if (e.getCode() != CONFLICT) {
        LOG.warn("run {}/{}: could not record the {} event: {}", namespace, run.getMetadata().getName(),
            reason.toLowerCase(Locale.ROOT), e.getMessage());
      }
    }
  }
}
