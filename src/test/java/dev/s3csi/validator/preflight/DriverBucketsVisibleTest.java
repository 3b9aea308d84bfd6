package dev.s3csi.validator.preflight;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.s3csi.validator.api.Reason;
import dev.s3csi.validator.api.ValidationSpec;
import dev.s3csi.validator.s3.S3Checks;
import dev.s3csi.validator.sandbox.S3Clients;
import dev.s3csi.validator.sandbox.S3Keys;
import dev.s3csi.validator.sandbox.S3Server;
import dev.s3csi.validator.spec.EffectiveSpec;
import dev.s3csi.validator.spec.SpecDefaults;

import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;

import software.amazon.awssdk.services.s3.S3Client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A dynamic PV the driver already made tells, before anything is created, who sees its bucket. */
class DriverBucketsVisibleTest {
  static final S3Keys DRIVER = new S3Keys("driveraccess", "driversecret");
  static final S3Keys OTHER = new S3Keys("otheraccess", "othersecret");
  static final String BUCKET = "csi-s3-0b7c4e1a-5f1d-4a57-9a53-7e1cfa4e1a11";

  KubernetesMockServer api;
  KubernetesClient client;
  S3Server s3;
  EffectiveSpec spec = new SpecDefaults("img").apply(new ValidationSpec(), "ns");

  @BeforeEach
  void start() {
    api =
        new KubernetesMockServer(
            new Context(),
            new MockWebServer(),
            new HashMap<>(),
            new KubernetesCrudDispatcher(List.of()),
            false);
    api.init(InetAddress.getLoopbackAddress(), 0);
    client = api.createClient();
    s3 = S3Server.start(DRIVER, OTHER);
    try (S3Client driver = S3Clients.standard(s3.endpoint(), DRIVER)) {
      driver.createBucket(b -> b.bucket(BUCKET));
    }
    client
        .persistentVolumes()
        .resource(
            new PersistentVolumeBuilder()
                .withNewMetadata()
                .withName("pvc-earlier")
                .withAnnotations(
                    Map.of(
                        "volume.kubernetes.io/provisioner-deletion-secret-name", "",
                        "volume.kubernetes.io/provisioner-deletion-secret-namespace", ""))
                .endMetadata()
                .withNewSpec()
                .withNewCsi()
                .withDriver(spec.provisioner())
                .withVolumeHandle(BUCKET)
                .withVolumeAttributes(
                    Map.of(
                        "bucketName", BUCKET,
                        "dynamicProvisioning", "true",
                        "authenticationSource", "driver"))
                .endCsi()
                .endSpec()
                .build())
        .create();
  }

  @AfterEach
  void stop() {
    client.close();
    api.destroy();
    s3.close();
  }

  @Test
  void anotherAccountEndsTheRunBeforeItCreatesAnything() {
    try (S3Checks validator = new S3Checks(S3Clients.standard(s3.endpoint(), OTHER))) {
      assertThatThrownBy(() -> DriverBucketsVisible.check(client, spec, validator))
          .isInstanceOfSatisfying(
              PreflightException.class,
              e -> {
                assertThat(e.reason()).isEqualTo(Reason.DriverBucketsNotVisible);
                assertThat(e.getMessage())
                    .contains(
                        "bucket " + BUCKET + " of PV pvc-earlier",
                        "answers the validator 403",
                        "grant the S3 identity of Secret ns/",
                        "nothing was created");
              });
    }
  }

  @Test
  void theDriversOwnAccountSeesIt() {
    try (S3Checks validator = new S3Checks(S3Clients.standard(s3.endpoint(), DRIVER))) {
      assertThatCode(() -> DriverBucketsVisible.check(client, spec, validator))
          .doesNotThrowAnyException();
    }
  }
}
