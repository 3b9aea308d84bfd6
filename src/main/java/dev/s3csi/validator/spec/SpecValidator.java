package dev.s3csi.validator.spec;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import dev.s3csi.validator.api.ConcurrentVolumesSpec;
import dev.s3csi.validator.api.InvalidParameterCase;
import dev.s3csi.validator.api.InvalidParametersSpec;
import dev.s3csi.validator.api.ProbeSpec;
import dev.s3csi.validator.api.S3Spec;
import dev.s3csi.validator.api.SharedBucketSpec;
import dev.s3csi.validator.api.Timeouts;
import dev.s3csi.validator.api.ValidationSpec;

/**
 * Checks a spec before anything is created. The CRD schema rejects most of this at admission; this
 * repeats it because a run must fail clearly even where the schema was not enforced.
 */
public final class SpecValidator {
  static final long MAX_SHARED_VOLUMES = 10;
  static final long MAX_CONCURRENT_VOLUMES = 50;
  static final long MAX_PODS_PER_VOLUME = 10;
  static final int MAX_INVALID_CASES = 20;
  private static final Pattern BUCKET_NAME = Pattern.compile("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$");
  private static final Pattern CASE_NAME = Pattern.compile("^[A-Za-z][A-Za-z0-9-]{0,62}$");
  private static final List<String> ACCESS_MODES =
      List.of("ReadWriteMany", "ReadWriteOnce", "ReadOnlyMany", "ReadWriteOncePod");

  private SpecValidator() {}

  public static List<FieldError> validate(ValidationSpec spec) {
    List<FieldError> errors = new ArrayList<>();
    if (spec == null) {
      errors.add(new FieldError("spec", "is required"));
      return errors;
    }
    s3(spec.getS3(), errors);
    timeouts(spec.getTimeouts(), errors);
    probe(spec.getProbe(), errors);
    sharedBucket(spec.getSharedBucket(), errors);
    concurrent(spec.getConcurrentVolumes(), errors);
    invalidCases(spec.getInvalidParameters(), errors);
    return errors;
  }

  private static void sharedBucket(SharedBucketSpec shared, List<FieldError> errors) {
    if (shared == null) {
      return;
    }
    if (shared.getBucketName() != null && !BUCKET_NAME.matcher(shared.getBucketName()).matches()) {
      errors.add(new FieldError("spec.sharedBucket.bucketName", "must be an S3 bucket name (3-63 lowercase letters,"
          + " digits, dots, hyphens), got '" + shared.getBucketName() + "'"));
    }
    range("spec.sharedBucket.volumes", shared.getVolumes(), 2, MAX_SHARED_VOLUMES, errors);
  }

  private static void concurrent(ConcurrentVolumesSpec concurrent, List<FieldError> errors) {
    if (concurrent == null) {
      return;
    }
    range("spec.concurrentVolumes.count", concurrent.getCount(), 1, MAX_CONCURRENT_VOLUMES, errors);
    range("spec.concurrentVolumes.podsPerVolume", concurrent.getPodsPerVolume(), 1, MAX_PODS_PER_VOLUME, errors);
  }

  private static void range(String path, Long value, long min, long max, List<FieldError> errors) {
    if (value != null && (value < min || value > max)) {
      errors.add(new FieldError(path, "must be between " + min + " and " + max + ", got " + value));
    }
  }

  private static void invalidCases(InvalidParametersSpec invalid, List<FieldError> errors) {
    if (invalid == null || invalid.getCases() == null) {
      return;
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < invalid.getCases().size(); i++) {
      InvalidParameterCase c = invalid.getCases().get(i);
      String path = "spec.invalidParameters.cases[" + i + "]";
      if (c == null || c.getName() == null || !CASE_NAME.matcher(c.getName()).matches()) {
        errors.add(new FieldError(path + ".name", "is required: a letter, then letters, digits or hyphens"));
      } else if (!names.add(c.getName())) {
        errors.add(new FieldError(path + ".name", "repeats case '" + c.getName() + "'"));
      }
      if (c != null && c.getAccessMode() != null && !ACCESS_MODES.contains(c.getAccessMode())) {
        errors.add(new FieldError(path + ".accessMode", "must be one of " + ACCESS_MODES + ", got '" + c.getAccessMode() + "'"));
      }
    }
    if (invalid.getCases().size() > MAX_INVALID_CASES) {
      errors.add(new FieldError("spec.invalidParameters.cases", "at most " + MAX_INVALID_CASES + " cases"));
    }
  }

  private static void s3(S3Spec s3, List<FieldError> errors) {
    if (s3 == null) {
      errors.add(new FieldError("spec.s3", "is required: the validator checks buckets and objects through S3"));
      return;
    }
    if (s3.getEndpoint() == null) {
      errors.add(new FieldError("spec.s3.endpoint", "is required"));
    } else {
      endpoint(s3.getEndpoint(), errors);
    }
    if (s3.getCredentialsSecretRef() == null || s3.getCredentialsSecretRef().getName() == null) {
      errors.add(new FieldError("spec.s3.credentialsSecretRef.name", "is required"));
    }
  }

  private static void endpoint(String endpoint, List<FieldError> errors) {
    try {
      URI uri = new URI(endpoint);
      if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
        errors.add(new FieldError("spec.s3.endpoint", "must be an http(s) URL with a host, got '" + endpoint + "'"));
      }
    } catch (URISyntaxException e) {
      errors.add(new FieldError("spec.s3.endpoint", "is not a URL: " + e.getReason()));
    }
  }

  private static void timeouts(Timeouts timeouts, List<FieldError> errors) {
    if (timeouts == null) {
      return;
    }
    boolean runValid = duration("run", timeouts.getRun(), errors);
    stepDuration("bind", timeouts.getBind(), timeouts.getRun(), runValid, errors);
    stepDuration("podReady", timeouts.getPodReady(), timeouts.getRun(), runValid, errors);
    stepDuration("objectVisible", timeouts.getObjectVisible(), timeouts.getRun(), runValid, errors);
    stepDuration("deletion", timeouts.getDeletion(), timeouts.getRun(), runValid, errors);
  }

  /** A step's deadline, which may not exceed the run's when both are given (as the CRD's rule says). */
  private static void stepDuration(String field, String value, String run, boolean runValid, List<FieldError> errors) {
    if (duration(field, value, errors) && value != null && run != null && runValid
        && DurationText.parse(value).compareTo(DurationText.parse(run)) > 0) {
      errors.add(new FieldError("spec.timeouts." + field, "must not exceed timeouts.run (" + run + "), got '" + value + "'"));
    }
  }

  private static boolean duration(String field, String value, List<FieldError> errors) {
    if (value != null && !DurationText.isValid(value)) {
      errors.add(new FieldError("spec.timeouts." + field, "must be a duration like 90s, 2m or 500ms, got '" + value + "'"));
      return false;
    }
    return true;
  }

  private static void probe(ProbeSpec probe, List<FieldError> errors) {
    if (probe == null) {
      return;
    }
    if (probe.getRunAsUser() != null && probe.getRunAsUser() < 1) {
      errors.add(new FieldError("spec.probe.runAsUser", "must be a non-root UID (>= 1)"));
    }
    List<Long> sizes = probe.getFileSizes();
    for (int i = 0; sizes != null && i < sizes.size(); i++) {
      Long size = sizes.get(i);
      if (size == null || size < 0 || size > ProbeSpec.MAX_FILE_SIZE) {
        errors.add(new FieldError("spec.probe.fileSizes[" + i + "]", "must be between 0 and " + ProbeSpec.MAX_FILE_SIZE + " bytes"));
      }
    }
  }
}
