package dev.s3csi.validator.kube;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;

import static org.assertj.core.api.Assertions.assertThat;

class OwnObjectsTest {
  static PersistentVolume volume(
      Map<String, String> labels, String storageClass, String claimName) {
    return new PersistentVolumeBuilder()
        .withNewMetadata()
        .withName("pvc-1234")
        .withLabels(labels)
        .endMetadata()
        .withNewSpec()
        .withStorageClassName(storageClass)
        .withNewClaimRef()
        .withNamespace("team")
        .withName(claimName)
        .endClaimRef()
        .endSpec()
        .build();
  }

  @Test
  void aVolumeIsOursByItsLabelsItsStorageClassOrItsClaim() {
    assertThat(
            OwnObjects.isOwnVolume(
                volume(
                    Map.of(RunLabels.MANAGED_BY, RunLabels.MANAGER, RunLabels.RUN, "r"),
                    "manual",
                    "data")))
        .isTrue();
    assertThat(OwnObjects.isOwnVolume(volume(Map.of(), "pval-0a1b2c3d-db", null))).isTrue();
    assertThat(OwnObjects.isOwnVolume(volume(Map.of(), "", "pval-0a1b2c3d-sv-0"))).isTrue();
  }

  @Test
  void anotherWorkloadsVolumeIsNot() {
    assertThat(OwnObjects.isOwnVolume(volume(Map.of("app", "web"), "standard", "data"))).isFalse();
    assertThat(
            OwnObjects.isOwnVolume(
                new PersistentVolumeBuilder()
                    .withNewMetadata()
                    .withName("pv")
                    .endMetadata()
                    .build()))
        .isFalse();
  }

  @Test
  void anEventIsOursWhenItIsAboutAnObjectNamedByARun() {
    assertThat(
            OwnObjects.isAboutOwnObject(
                new EventBuilder()
                    .withNewInvolvedObject()
                    .withKind("PersistentVolumeClaim")
                    .withName("pval-0a1b2c3d-db-0")
                    .endInvolvedObject()
                    .build()))
        .isTrue();
    assertThat(
            OwnObjects.isAboutOwnObject(
                new EventBuilder()
                    .withNewInvolvedObject()
                    .withKind("Pod")
                    .withName("web-7d9f")
                    .endInvolvedObject()
                    .build()))
        .isFalse();
    assertThat(OwnObjects.isAboutOwnObject(new EventBuilder().build())).isFalse();
  }
}
