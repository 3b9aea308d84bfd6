package dev.s3csi.validator.scenario.steps;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.s3csi.validator.engine.ScenarioContext;
import dev.s3csi.validator.engine.WarningEvents;

import io.fabric8.kubernetes.api.model.Event;

/**
 * A Warning ProvisioningFailed event about a PVC, read as external-provisioner v5.3.0 writes it:
 * from the component {@code <provisioner>_<host>_<uuid>}, with the message {@code failed to
 * provision volume with StorageClass "<class>": <error>} (sig-storage-lib-external-provisioner
 * v11.0.1, controller.go). The PV controller's {@code storageclass.storage.k8s.io "<class>" not
 * found}, written while its cache has not yet seen a new StorageClass, has neither form: it is no
 * word of the driver's.
 *
 * @param error what follows the StorageClass in the message
 * @param code the gRPC code of the driver's answer, or empty when the provisioner failed before
 *     calling the driver (a missing Secret, an unknown csi.storage.k8s.io/ key)
 * @param firstSeen when the provisioner first reported this failure
 * @param line the event as evidence quotes it
 */
record ProvisioningFailure(String error, Optional<String> code, Instant firstSeen, String line) {
  private static final String REASON = "ProvisioningFailed";
  private static final String KIND = "PersistentVolumeClaim";

  /** What the client-go event correlator puts before a message it merged with similar ones. */
  private static final String COMBINED = "(combined from similar events): ";

  private static final Pattern GRPC_CODE = Pattern.compile("rpc error: code = (\\w+) desc = ");

  /**
   * Codes after which external-provisioner keeps calling CreateVolume: its checkError calls
   * Canceled, DeadlineExceeded, Unavailable and Aborted "in background" (the call may still be
   * running, e.g. after its 10 s --timeout). ResourceExhausted (out of capacity) it calls final,
   * but it says nothing about the configuration being invalid, so it is no refusal either.
   */
  static final Set<String> RETRYABLE =
      Set.of("Canceled", "DeadlineExceeded", "Unavailable", "Aborted", "ResourceExhausted");

  /** The provisioner's failures for one PVC of one StorageClass, oldest first. */
  static List<ProvisioningFailure> of(
      ScenarioContext ctx, String claim, String provisioner, String storageClass) {
    return WarningEvents.warningsAbout(ctx, KIND, claim).stream()
        .flatMap(e -> parse(e, claim, provisioner, storageClass).stream())
        .sorted(Comparator.comparing(ProvisioningFailure::firstSeen))
        .toList();
  }

  static Optional<ProvisioningFailure> parse(
      Event event, String claim, String provisioner, String storageClass) {
    String message = event.getMessage() == null ? "" : event.getMessage();
    if (message.startsWith(COMBINED)) {
      message = message.substring(COMBINED.length());
    }
    String prefix = "failed to provision volume with StorageClass \"" + storageClass + "\": ";
    if (!REASON.equals(event.getReason())
        || !message.startsWith(prefix)
        || !fromProvisioner(event, provisioner)) {
      return Optional.empty();
    }
    String error = message.substring(prefix.length());
    Matcher code = GRPC_CODE.matcher(error);
    return Optional.of(
        new ProvisioningFailure(
            error,
            code.find() ? Optional.of(code.group(1)) : Optional.empty(),
            firstSeen(event),
            WarningEvents.format(KIND, claim, event)));
  }

  /** A source that names a component must name the provisioner's sidecar. */
  private static boolean fromProvisioner(Event event, String provisioner) {
    String component = event.getSource() == null ? null : event.getSource().getComponent();
    return component == null
        || component.isEmpty()
        || component.equals(provisioner)
        || component.startsWith(provisioner + "_");
  }

  /**
   * The event's first occurrence. Core events carry whole seconds: the end of that second is the
   * earliest the failure can be said to have happened, so a settling period counted from it is
   * never shorter than asked.
   */
  private static Instant firstSeen(Event event) {
    for (String time :
        new String[] {
          event.getFirstTimestamp(),
          event.getEventTime() == null ? null : event.getEventTime().getTime(),
          event.getLastTimestamp(),
          event.getMetadata() == null ? null : event.getMetadata().getCreationTimestamp()
        }) {
      if (time != null) {
        try {
          Instant instant = Instant.parse(time);
          return instant.getNano() == 0 ? instant.plusSeconds(1) : instant;
        } catch (DateTimeParseException e) {
          // the next field may hold a readable time
        }
      }
    }
    return Instant.MAX;
  }

  /**
   * Whether this failure is the driver's (or the provisioner's) settled answer: not one after which
   * external-provisioner retries because the outcome is still open.
   */
  boolean isFinal() {
    return code.map(c -> !RETRYABLE.contains(c)).orElse(true);
  }

  boolean names(String expectedCause) {
    return expectedCause == null || error.contains(expectedCause);
  }
}
