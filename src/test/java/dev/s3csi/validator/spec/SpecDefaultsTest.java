package dev.s3csi.validator.spec;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.s3csi.validator.api.ConcurrentVolumesSpec;
import dev.s3csi.validator.api.InvalidParameterCase;
import dev.s3csi.validator.api.InvalidParametersSpec;
import dev.s3csi.validator.api.KeepResources;
import dev.s3csi.validator.api.S3Spec;
import dev.s3csi.validator.api.ScenarioName;
import dev.s3csi.validator.api.SecretReference;
import dev.s3csi.validator.api.SharedBucketMode;
import dev.s3csi.validator.api.SharedBucketSpec;
import dev.s3csi.validator.api.Timeouts;
import dev.s3csi.validator.api.ValidationSpec;
import dev.s3csi.validator.api.WhenIgnored;
import dev.s3csi.validator.kube.ClaimFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class SpecDefaultsTest {
  final SpecDefaults defaults = new SpecDefaults("registry.example/pv:1");

  @Test
  void emptySpecGetsEveryDefault() {
    EffectiveSpec spec = defaults.apply(new ValidationSpec(), "team-a");

    assertThat(spec.provisioner()).isEqualTo("s3.csi.scality.com");
    assertThat(spec.scenarios()).containsExactlyElementsOf(ScenarioName.defaults());
    assertThat(spec.s3().region()).isEqualTo("us-east-1");
    assertThat(spec.s3().pathStyle()).isTrue();
    assertThat(spec.s3().secretNamespace()).isEqualTo("team-a");
    assertThat(spec.probe().image()).isEqualTo("registry.example/pv:1");
    assertThat(spec.probe().runAsUser()).isEqualTo(65532);
    assertThat(spec.probe().fileSizes()).containsExactly(0L, 4096L, 8_388_608L);
    assertThat(spec.timeouts().bind()).isEqualTo(Duration.ofSeconds(120));
    assertThat(spec.timeouts().run()).isEqualTo(Duration.ofMinutes(15));
    assertThat(spec.keepResources()).isEqualTo(KeepResources.Never);
    assertThat(spec.ttlSecondsAfterFinished()).isEqualTo(86_400);
    assertThat(spec.sharedBucket())
        .isEqualTo(new EffectiveSpec.SharedBucketSettings(null, true, SharedBucketMode.Auto, 2));
    assertThat(spec.concurrentVolumes()).isEqualTo(new EffectiveSpec.ConcurrentSettings(5, 2));
    List<EffectiveSpec.InvalidCase> cases = spec.invalidParameters().cases();
    assertThat(cases)
        .extracting(EffectiveSpec.InvalidCase::name, EffectiveSpec.InvalidCase::expectedCause)
        .containsExactly(
            tuple("invalidBucketNaming", "bucketNaming"),
            tuple("invalidS3Region", "s3Region"),
            tuple("readWriteOnce", "access mode"),
            tuple("missingProvisionerSecret", "secrets \"pval-missing-secret\" not found"));
    assertThat(cases.get(2).accessMode()).isEqualTo("ReadWriteOnce");
    assertThat(cases.get(0).accessMode())
        .as("the mode of every PVC the validator makes")
        .isEqualTo(ClaimFactory.RWX);
    assertThat(cases.get(3).parameters())
        .containsEntry("csi.storage.k8s.io/provisioner-secret-namespace", "team-a")
        .containsEntry("csi.storage.k8s.io/provisioner-secret-name", "pval-missing-secret");
    assertThat(spec.invalidParameters().whenIgnored()).isEqualTo(WhenIgnored.Note);
    assertThat(spec.timeouts().refusalSettle()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void givenScenarioSettingsWin() {
    ValidationSpec given = new ValidationSpec();
    SharedBucketSpec shared = new SharedBucketSpec();
    shared.setBucketName("team-bucket");
    shared.setCreate(false);
    shared.setMode(SharedBucketMode.Static);
    given.setSharedBucket(shared);
    ConcurrentVolumesSpec concurrent = new ConcurrentVolumesSpec();
    concurrent.setCount(3L);
    given.setConcurrentVolumes(concurrent);
    InvalidParametersSpec invalid = new InvalidParametersSpec();
    invalid.setCases(
        List.of(new InvalidParameterCase("typo", Map.of("bucketNamig", "x"), null, "bucketNamig")));
    invalid.setWhenIgnored(WhenIgnored.Fail);
    given.setInvalidParameters(invalid);

    EffectiveSpec spec = defaults.apply(given, "team-a");

    assertThat(spec.sharedBucket())
        .isEqualTo(
            new EffectiveSpec.SharedBucketSettings(
                "team-bucket", false, SharedBucketMode.Static, 2));
    assertThat(spec.concurrentVolumes()).isEqualTo(new EffectiveSpec.ConcurrentSettings(3, 2));
    assertThat(spec.invalidParameters())
        .isEqualTo(
            new EffectiveSpec.InvalidParameterSettings(
                List.of(
                    new EffectiveSpec.InvalidCase(
                        "typo", Map.of("bucketNamig", "x"), "ReadWriteMany", "bucketNamig")),
                WhenIgnored.Fail));
  }

  @Test
  void givenValuesWin() {
    ValidationSpec given = new ValidationSpec();
    given.setProvisioner("s3.example.com");
    S3Spec s3 = new S3Spec();
    s3.setEndpoint("https://s3.local:9000");
    s3.setPathStyle(false);
    s3.setCredentialsSecretRef(new SecretReference("keys", "vault"));
    given.setS3(s3);
    Timeouts timeouts = new Timeouts();
    timeouts.setBind("500ms");
    given.setTimeouts(timeouts);

    EffectiveSpec spec = defaults.apply(given, "team-a");

    assertThat(spec.provisioner()).isEqualTo("s3.example.com");
    assertThat(spec.s3().endpoint()).hasToString("https://s3.local:9000");
    assertThat(spec.s3().pathStyle()).isFalse();
    assertThat(spec.s3().secretName()).isEqualTo("keys");
    assertThat(spec.s3().secretNamespace()).isEqualTo("vault");
    assertThat(spec.timeouts().bind()).isEqualTo(Duration.ofMillis(500));
    assertThat(spec.timeouts().podReady()).isEqualTo(Duration.ofSeconds(180));
    assertThat(given.getTimeouts().getPodReady()).as("the CR itself is not rewritten").isNull();
  }

  @ParameterizedTest
  @CsvSource({"500ms, PT0.5S", "90s, PT1M30S", "2m, PT2M", "1h, PT1H", "999999h, PT999999H"})
  void parsesDurations(String text, Duration expected) {
    assertThat(DurationText.parse(text)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "10", "1.5s", "-1s", "10 s", "1d", "s", "0s", "05s", "1000000h"})
  void rejectsMalformedDurations(String text) {
    assertThat(DurationText.isValid(text)).isFalse();
    assertThatThrownBy(() -> DurationText.parse(text)).isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @CsvSource({"PT0.25S, 250ms", "PT8S, 8s", "PT2M, 2m", "PT90S, 90s"})
  void formatsDurations(Duration duration, String expected) {
    assertThat(DurationText.format(duration)).isEqualTo(expected);
  }

  @Test
  void scenarioListIsCopied() {
    ValidationSpec given = new ValidationSpec();
    given.setScenarios(new java.util.ArrayList<>(List.of(ScenarioName.DEDICATED_BUCKET)));
    EffectiveSpec spec = defaults.apply(given, "ns");
    given.getScenarios().clear();
    assertThat(spec.scenarios()).containsExactly(ScenarioName.DEDICATED_BUCKET);
  }
}
