package dev.s3csi.validator.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Which keys a mount uses, as the node decides (credentialprovider/provider.go and
 * provider_secret.go, driver 2.2.0): the node-publish Secret only when the PV's {@code
 * authenticationSource} is {@code secret} and the Secret has data; the driver's own keys otherwise,
 * whatever nodePublishSecretRef the PV names.
 */
final class NodeCredentials {
  static final String AUTHENTICATION_SOURCE = "authenticationSource";
  private static final Pattern ACCESS_KEY = Pattern.compile("^[A-Za-z0-9]{1,128}$");
  private static final Pattern SECRET_KEY = Pattern.compile("^[A-Za-z0-9/+=]{1,128}$");

  private NodeCredentials() {}

  /** What the credential provider refused, as the driver words it. */
  static final class Refused extends Exception {
    Refused(String message) {
      super(message);
    }
  }

  /**
   * @param attributes the PV's volumeAttributes
   * @param secretData the node-publish Secret's data kubelet passed, empty without one
   * @param driverKeys the driver's keys (its Helm Secret)
   */
  static S3Keys resolve(
      Map<String, String> attributes, Map<String, String> secretData, S3Keys driverKeys)
      throws Refused {
    String source = attributes.getOrDefault(AUTHENTICATION_SOURCE, "");
    switch (source) {
      case "", "driver":
        return driverKeys;
      case "secret":
        return secretData.isEmpty() ? driverKeys : fromSecret(secretData);
      default:
        throw new Refused(
            "unknown `authenticationSource`: "
                + source
                + ", only `driver` (default option if not specified) and `secret` supported");
    }
  }

  private static S3Keys fromSecret(Map<String, String> data) throws Refused {
    String id = data.get(S3Keys.ACCESS_KEY_ID);
    String secret = data.get(S3Keys.SECRET_ACCESS_KEY);
    boolean idValid = id != null && ACCESS_KEY.matcher(id.strip()).matches();
    boolean secretValid = secret != null && SECRET_KEY.matcher(secret.strip()).matches();
    if (idValid && secretValid) {
      return new S3Keys(id.strip(), secret.strip());
    }
    List<String> missing = new ArrayList<>();
    if (!idValid) {
      missing.add(S3Keys.ACCESS_KEY_ID);
    }
    if (!secretValid) {
      missing.add(S3Keys.SECRET_ACCESS_KEY);
    }
    throw new Refused(
        "rpc error: code = InvalidArgument desc = credentialprovider: missing or invalid keys in"
            + " Kubernetes Secret: "
            + String.join(", ", missing));
  }
}
