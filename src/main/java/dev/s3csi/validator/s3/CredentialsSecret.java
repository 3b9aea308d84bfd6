package dev.s3csi.validator.s3;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import dev.s3csi.validator.validation.InvalidSpecException;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;

/** Reads S3 keys from the Secret a spec references; the keys go nowhere but into an S3 client. */
public final class CredentialsSecret {
  static final String FIELD = "spec.s3.credentialsSecretRef";

  private CredentialsSecret() {}

  public static S3Credentials read(KubernetesClient client, String namespace, String name) {
    Secret secret = client.secrets().inNamespace(namespace).withName(name).get();
    if (secret == null) {
      throw new InvalidSpecException(FIELD, "Secret " + namespace + "/" + name + " does not exist");
    }
    String accessKey = value(secret, S3Credentials.ACCESS_KEY_ID);
    String secretKey = value(secret, S3Credentials.SECRET_ACCESS_KEY);
    if (accessKey.isEmpty() || secretKey.isEmpty()) {
      throw new InvalidSpecException(FIELD, "Secret " + namespace + "/" + name + " must hold non-empty keys "
          + S3Credentials.ACCESS_KEY_ID + " and " + S3Credentials.SECRET_ACCESS_KEY);
    }
    return new S3Credentials(accessKey, secretKey);
  }

  private static String value(Secret secret, String key) {
    Map<String, String> data = secret.getData();
    if (data != null && data.get(key) != null) {
      return new String(Base64.getDecoder().decode(data.get(key)), StandardCharsets.UTF_8).strip();
    }
    Map<String, String> stringData = secret.getStringData();
    return stringData != null && stringData.get(key) != null ? stringData.get(key).strip() : "";
  }
}
