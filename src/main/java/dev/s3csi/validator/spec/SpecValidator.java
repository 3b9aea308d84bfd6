package dev.s3csi.validator.spec;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;

import dev.s3csi.validator.api.S3Spec;
import dev.s3csi.validator.api.Timeouts;
import dev.s3csi.validator.api.ValidationSpec;

/**
 * What the operator must find in a spec to run it at all, checked before anything is created. The
 * limits of a spec live in the CRD (the annotations of the api classes, which admission enforces);
 * the operator repeats only what {@link SpecDefaults} and the S3 client need, because a CR can be
 * stored without them being enforced (under an older CRD, or one without its schema), and a run
 * must then fail with a field path, not throw at every reconciliation. It also parses the endpoint,
 * which a schema pattern cannot: a host the S3 client can reach. SpecLimitsTest feeds the same
 * specs to both and says which refuses what.
 */
public final class SpecValidator {

  private SpecValidator() {}

  public static List<FieldError> validate(ValidationSpec spec) {
    List<FieldError> errors = new ArrayList<>();
    if (spec == null) {
      errors.add(new FieldError("spec", "is required"));
      return errors;
    }
    if (spec.getScenarios() != null && spec.getScenarios().isEmpty()) {
      // Admission refuses it (minItems); a run stored under an older CRD must not run all six.
      errors.add(
          new FieldError(
              "spec.scenarios",
              "must list at least one scenario; leave it out to run all of them"));
    }
    s3(spec.getS3(), errors);
    timeouts(spec.getTimeouts(), errors);
    return errors;
  }

  /**
   * Without an endpoint with a host and a Secret name there is no S3 client to check anything with.
   */
  private static void s3(S3Spec s3, List<FieldError> errors) {
    if (s3 == null) {
      errors.add(
          new FieldError(
              "spec.s3", "is required: the validator checks buckets and objects through S3"));
      return;
    }
    if (s3.getEndpoint() == null) {
      errors.add(new FieldError("spec.s3.endpoint", "is required"));
    } else {
      endpoint(s3.getEndpoint(), errors);
    }
    if (s3.getCredentialsSecretRef() == null) {
      errors.add(new FieldError("spec.s3.credentialsSecretRef", "is required"));
    } else if (s3.getCredentialsSecretRef().getName() == null) {
      errors.add(new FieldError("spec.s3.credentialsSecretRef.name", "is required"));
    }
  }

  private static void endpoint(String endpoint, List<FieldError> errors) {
    try {
      URI uri = new URI(endpoint);
      if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          || uri.getHost() == null) {
        errors.add(
            new FieldError(
                "spec.s3.endpoint", "must be an http(s) URL with a host, got '" + endpoint + "'"));
      }
    } catch (URISyntaxException e) {
      errors.add(new FieldError("spec.s3.endpoint", "is not a URL: " + e.getReason()));
    }
  }

  /** Every duration is parsed when the defaults are applied: one that does not parse cannot run. */
  private static void timeouts(Timeouts timeouts, List<FieldError> errors) {
    if (timeouts == null) {
      return;
    }
    duration("run", timeouts.getRun(), errors);
    duration("bind", timeouts.getBind(), errors);
    duration("podReady", timeouts.getPodReady(), errors);
    duration("objectVisible", timeouts.getObjectVisible(), errors);
    duration("deletion", timeouts.getDeletion(), errors);
    duration("refusalSettle", timeouts.getRefusalSettle(), errors);
  }

  private static void duration(String field, String value, List<FieldError> errors) {
    if (value != null && !DurationText.isValid(value)) {
      errors.add(
          new FieldError(
              "spec.timeouts." + field,
              "must be a duration like 90s, 2m or 500ms, got '" + value + "'"));
    }
  }
}
