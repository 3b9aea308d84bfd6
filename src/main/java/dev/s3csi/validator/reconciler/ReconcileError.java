package dev.s3csi.validator.reconciler;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import dev.s3csi.validator.api.ProvisioningValidation;
import dev.s3csi.validator.api.ValidationStatus;
import dev.s3csi.validator.kube.ApiRequestException;
import dev.s3csi.validator.spec.SpecDefaults;

import io.fabric8.kubernetes.client.KubernetesClientException;

/** What the reconciler's error hook needs to know of an error and of the run it hit. */
final class ReconcileError {
  /** How soon a run whose retries are spent is looked at again, at the latest. */
  static final Duration RECHECK = Duration.ofSeconds(30);

  private static final int MAX_MESSAGE = 512;

  private ReconcileError() {}

  /**
   * One line for the condition, the event and the log: the API server's status and message where it
   * answered, the exception's type and message otherwise. Bounded, as a condition's message is read
   * by people.
   */
  static String describe(Exception e) {
    String text;
    if (e instanceof ApiRequestException api) {
      text = api.getMessage();
    } else if (e instanceof KubernetesClientException client) {
      text =
          "the API server answered "
              + client.getCode()
              + ": "
              + (client.getStatus() != null && client.getStatus().getMessage() != null
                  ? client.getStatus().getMessage()
                  : client.getMessage());
    } else {
      text = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
    return text.length() <= MAX_MESSAGE ? text : text.substring(0, MAX_MESSAGE - 1) + "…";
  }

  /** When the run times out; empty before it started (or if its spec no longer reads). */
  static Optional<Instant> runDeadline(
      ProvisioningValidation run, ValidationStatus status, SpecDefaults defaults) {
    if (status.getStartTime() == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          Instant.parse(status.getStartTime())
              .plus(
                  defaults
                      .apply(run.getSpec(), run.getMetadata().getNamespace())
                      .timeouts()
                      .run()));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }
}
