package dev.s3csi.validator.sandbox;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The node's choice of keys, case by case as credentialprovider/provider.go makes it. */
class NodeCredentialsTest {
  static final S3Keys DRIVER = new S3Keys("driveraccess", "driversecret");
  static final Map<String, String> SECRET =
      Map.of(S3Keys.ACCESS_KEY_ID, "teamaccess", S3Keys.SECRET_ACCESS_KEY, "team/secret+=");

  static S3Keys resolve(Map<String, String> attributes, Map<String, String> secret)
      throws NodeCredentials.Refused {
    return NodeCredentials.resolve(attributes, secret, DRIVER);
  }

  @Test
  void theNodePublishSecretCountsOnlyUnderAuthenticationSourceSecret() throws Exception {
    assertThat(resolve(Map.of("authenticationSource", "secret"), SECRET))
        .isEqualTo(new S3Keys("teamaccess", "team/secret+="));
    // A static PV without the attribute: the node ignores its nodePublishSecretRef.
    assertThat(resolve(Map.of(), SECRET)).isEqualTo(DRIVER);
    assertThat(resolve(Map.of("authenticationSource", "driver"), SECRET)).isEqualTo(DRIVER);
  }

  @Test
  void secretWithoutNodePublishDataFallsBackToTheDriver() throws Exception {
    assertThat(resolve(Map.of("authenticationSource", "secret"), Map.of())).isEqualTo(DRIVER);
  }

  @Test
  void invalidKeysAndUnknownSourcesAreRefusedWithTheDriversWords() {
    assertThatThrownBy(
            () ->
                resolve(
                    Map.of("authenticationSource", "secret"),
                    Map.of(S3Keys.ACCESS_KEY_ID, "not-alphanumeric")))
        .hasMessageEndingWith(
            "credentialprovider: missing or invalid keys in Kubernetes Secret: access_key_id,"
                + " secret_access_key");
    assertThatThrownBy(() -> resolve(Map.of("authenticationSource", "pod"), SECRET))
        .hasMessageStartingWith("unknown `authenticationSource`: pod");
  }
}
