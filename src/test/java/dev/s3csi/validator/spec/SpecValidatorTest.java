package dev.s3csi.validator.spec;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.s3csi.validator.api.ConcurrentVolumesSpec;
import dev.s3csi.validator.api.InvalidParameterCase;
import dev.s3csi.validator.api.InvalidParametersSpec;
import dev.s3csi.validator.api.ProbeSpec;
import dev.s3csi.validator.api.S3Spec;
import dev.s3csi.validator.api.SecretReference;
import dev.s3csi.validator.api.SharedBucketSpec;
import dev.s3csi.validator.api.Timeouts;
import dev.s3csi.validator.api.ValidationSpec;

import static org.assertj.core.api.Assertions.assertThat;

class SpecValidatorTest {

  static ValidationSpec valid() {
    ValidationSpec spec = new ValidationSpec();
    S3Spec s3 = new S3Spec();
    s3.setEndpoint("http://s3.local:8000");
    s3.setCredentialsSecretRef(new SecretReference("keys", null));
    spec.setS3(s3);
    return spec;
  }

  static Arguments invalid(String path, String message, Consumer<ValidationSpec> breakIt) {
    return Arguments.of(path, message, breakIt);
  }

  static Stream<Arguments> invalidSpecs() {
    return Stream.of(
        invalid("spec.s3", "is required", s -> s.setS3(null)),
        invalid("spec.s3.endpoint", "is required", s -> s.getS3().setEndpoint(null)),
        invalid("spec.s3.endpoint", "must be an http(s) URL", s -> s.getS3().setEndpoint("ftp://s3.local")),
        invalid("spec.s3.endpoint", "is not a URL", s -> s.getS3().setEndpoint("http://s3 local")),
        invalid("spec.s3.credentialsSecretRef.name", "is required", s -> s.getS3().setCredentialsSecretRef(null)),
        invalid("spec.timeouts.bind", "must be a duration", s -> {
          Timeouts t = new Timeouts();
          t.setBind("2 minutes");
          s.setTimeouts(t);
        }),
        invalid("spec.probe.runAsUser", "non-root", s -> {
          ProbeSpec p = new ProbeSpec();
          p.setRunAsUser(0L);
          s.setProbe(p);
        }),
        invalid("spec.probe.fileSizes[1]", "between 0 and", s -> {
          ProbeSpec p = new ProbeSpec();
          p.setFileSizes(List.of(1L, -5L));
          s.setProbe(p);
        }),
        invalid("spec.sharedBucket.bucketName", "must be an S3 bucket name", s -> {
          SharedBucketSpec shared = new SharedBucketSpec();
          shared.setBucketName("Team_Bucket");
          s.setSharedBucket(shared);
        }),
        invalid("spec.sharedBucket.volumes", "between 2 and 10, got 1", s -> {
          SharedBucketSpec shared = new SharedBucketSpec();
          shared.setVolumes(1L);
          s.setSharedBucket(shared);
        }),
        invalid("spec.concurrentVolumes.count", "between 1 and 50, got 0", s -> {
          ConcurrentVolumesSpec concurrent = new ConcurrentVolumesSpec();
          concurrent.setCount(0L);
          s.setConcurrentVolumes(concurrent);
        }),
        invalid("spec.concurrentVolumes.podsPerVolume", "between 1 and 10, got 11", s -> {
          ConcurrentVolumesSpec concurrent = new ConcurrentVolumesSpec();
          concurrent.setPodsPerVolume(11L);
          s.setConcurrentVolumes(concurrent);
        }),
        invalid("spec.invalidParameters.cases[1].name", "repeats case 'a'", s -> cases(s,
            new InvalidParameterCase("a", Map.of(), null), new InvalidParameterCase("a", Map.of(), null))),
        invalid("spec.invalidParameters.cases[0].name", "is required", s -> cases(s, new InvalidParameterCase(null, Map.of(), null))),
        invalid("spec.invalidParameters.cases[0].accessMode", "must be one of", s -> cases(s,
            new InvalidParameterCase("a", Map.of(), "ReadWriteSometimes"))));
  }

  static void cases(ValidationSpec spec, InvalidParameterCase... cases) {
    InvalidParametersSpec invalid = new InvalidParametersSpec();
    invalid.setCases(List.of(cases));
    spec.setInvalidParameters(invalid);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("invalidSpecs")
  void namesTheFieldAndTheRule(String path, String message, Consumer<ValidationSpec> breakIt) {
    ValidationSpec spec = valid();
    breakIt.accept(spec);

    assertThat(SpecValidator.validate(spec)).singleElement().satisfies(e -> {
      assertThat(e.path()).isEqualTo(path);
      assertThat(e.message()).contains(message);
    });
  }

  @Test
  void acceptsAValidSpec() {
    assertThat(SpecValidator.validate(valid())).isEmpty();
  }

  @Test
  void reportsEveryProblemAtOnce() {
    ValidationSpec spec = new ValidationSpec();
    spec.setS3(new S3Spec());
    assertThat(SpecValidator.validate(spec)).extracting(FieldError::path)
        .containsExactly("spec.s3.endpoint", "spec.s3.credentialsSecretRef.name");
  }
}
