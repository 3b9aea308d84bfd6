package dev.s3csi.validator.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.s3csi.validator.spec.SecretParameters;
import dev.s3csi.validator.spec.SecretParameters.Reference;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * external-provisioner's part in a CreateVolume: it strips the reserved csi.storage.k8s.io/ keys
 * (refusing unknown ones), resolves the provisioner Secret and hands its data to the driver, with
 * the error texts of external-provisioner v5.3.0. Templates are not resolved here.
 */
final class ProvisionerSecrets {
  private static final List<String> SECRET_TYPES =
      List.of(
          "provisioner",
          "node-publish",
          "node-stage",
          "controller-publish",
          "controller-expand",
          "node-expand",
          "");

  private ProvisionerSecrets() {}

  /** The provisioner Secret's data, empty when the StorageClass names none. */
  static Optional<Map<String, String>> resolve(
      KubernetesClient client, Map<String, String> parameters) throws ProvisioningError {
    for (String key : parameters.keySet()) {
      if (key.startsWith(SecretParameters.RESERVED_PREFIX) && !isKnown(key)) {
        throw new ProvisioningError(
            "failed to strip CSI Parameters of prefixed keys: found unknown parameter key \""
                + key
                + "\" with reserved namespace "
                + SecretParameters.RESERVED_PREFIX);
      }
    }
    Optional<Reference> ref = SecretParameters.effective(parameters, SecretParameters.PROVISIONER);
    if (ref.isEmpty()) {
      return Optional.empty();
    }
    Reference secretRef = ref.get();
    if (secretRef.name() == null || secretRef.namespace() == null) {
      throw new ProvisioningError(
          "failed to get name and namespace template from params: either name and namespace"
              + " for Provisioner secrets specified, Both must be specified");
    }
    if (secretRef.name().isEmpty() || secretRef.namespace().isEmpty()) {
      throw new ProvisioningError(
          "Provisioner secrets specified in parameters but value of either namespace or name is empty");
    }
    Secret secret =
        client.secrets().inNamespace(secretRef.namespace()).withName(secretRef.name()).get();
    if (secret == null) {
      throw new ProvisioningError(
          "error getting secret "
              + secretRef.name()
              + " in namespace "
              + secretRef.namespace()
              + ": secrets \""
              + secretRef.name()
              + "\" not found");
    }
    Map<String, String> data = new HashMap<>();
    if (secret.getData() != null) {
      secret
          .getData()
          .forEach(
              (k, v) ->
                  data.put(k, new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
    }
    if (secret.getStringData() != null) {
      data.putAll(secret.getStringData());
    }
    return Optional.of(data);
  }

  private static boolean isKnown(String key) {
    if ("csi.storage.k8s.io/fstype".equals(key)) {
      return true;
    }
    return SECRET_TYPES.stream()
        .anyMatch(
            t ->
                key.equals(SecretParameters.nameKey(t))
                    || key.equals(SecretParameters.namespaceKey(t)));
  }
}
