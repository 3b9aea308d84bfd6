package dev.s3csi.validator.s3;

import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import dev.s3csi.validator.spec.InvalidSpecException;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/** Reads S3 keys from a Secret a spec references; the keys go nowhere but into an S3 client. */
public final class CredentialsSecret {
  static final String FIELD = "spec.s3.credentialsSecretRef";

  private CredentialsSecret() {}

  public static S3Credentials read(KubernetesClient client, String namespace, String name) {
    Secret secret = fetch(client, namespace, name, FIELD);
    return new S3Credentials(
        value(secret, S3Credentials.ACCESS_KEY_ID), value(secret, S3Credentials.SECRET_ACCESS_KEY));
  }

  /**
   * Checks that the Secret exists and holds both keys, as the driver will need it to; the values
   * are not kept.
   *
   * @param field the spec field that references the Secret, for the error
   */
  public static void check(KubernetesClient client, String namespace, String name, String field) {
    fetch(client, namespace, name, field);
  }

  private static Secret fetch(
      KubernetesClient client, String namespace, String name, String field) {
    Secret secret;
    try {
      secret = client.secrets().inNamespace(namespace).withName(name).get();
    } catch (KubernetesClientException e) {
      if (e.getCode() != HttpURLConnection.HTTP_FORBIDDEN) {
        throw e;
      }
      // Not a driver failure, and not one a retry mends: say who must grant what.
      throw new InvalidSpecException(
          field,
          "the operator may not read Secret "
              + namespace
              + "/"
              + name
              + " (403: the API server refused get secrets in "
              + namespace
              + "); the chart grants it in watchNamespaces and in secretNamespaces: add "
              + namespace
              + " to secretNamespaces, or reference a Secret in a namespace granted already");
    }
    if (secret == null) {
      throw new InvalidSpecException(field, "Secret " + namespace + "/" + name + " does not exist");
    }
    if (value(secret, S3Credentials.ACCESS_KEY_ID).isEmpty()
        || value(secret, S3Credentials.SECRET_ACCESS_KEY).isEmpty()) {
      throw new InvalidSpecException(
          field,
          "Secret "
              + namespace
              + "/"
              + name
              + " must hold non-empty keys "
              + S3Credentials.ACCESS_KEY_ID
              + " and "
              + S3Credentials.SECRET_ACCESS_KEY);
    }
    return secret;
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
