package dev.s3csi.validator.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * external-provisioner's part in a CreateVolume (pkg/controller/controller.go, v5.3.0): it refuses
 * unknown reserved csi.storage.k8s.io/ keys, finds each secret's name and namespace (a type's own
 * pair, else the default {@code csi.storage.k8s.io/secret-*} pair), resolves their templates for
 * the PVC, and reads the provisioner Secret for the driver, with its error texts.
 */
final class ProvisionerSecrets {
  static final String PREFIX = "csi.storage.k8s.io/";
  private static final List<String> SECRET_TYPES =
      List.of(
          "provisioner",
          "node-publish",
          "node-stage",
          "controller-publish",
          "controller-expand",
          "node-expand",
          "");
  private static final Pattern TOKEN = Pattern.compile("\\$\\{([^}]*)}");
  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
  private static final Pattern DNS_SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");

  private ProvisionerSecrets() {}

  /** A Secret as a PV names it. */
  record SecretRef(String name, String namespace) {}

  /**
   * What external-provisioner found for one PVC.
   *
   * @param provisioner the provisioner Secret, recorded on the PV for DeleteVolume
   * @param provisionerData its data, handed to CreateVolume
   * @param nodePublish the node-publish Secret, the PV's nodePublishSecretRef
   */
  record Resolved(
      Optional<SecretRef> provisioner,
      Optional<Map<String, String>> provisionerData,
      Optional<SecretRef> nodePublish) {}

  static Resolved resolve(
      KubernetesClient client,
      Map<String, String> parameters,
      String pvName,
      PersistentVolumeClaim claim)
      throws ProvisioningError {
    for (String key : parameters.keySet()) {
      if (key.startsWith(PREFIX) && !isKnown(key)) {
        throw new ProvisioningError(
            "failed to strip CSI Parameters of prefixed keys: found unknown parameter key \""
                + key
                + "\" with reserved namespace "
                + PREFIX);
      }
    }
    Optional<SecretRef> provisioner =
        reference(parameters, "provisioner", "Provisioner", pvName, claim);
    Optional<SecretRef> nodePublish =
        reference(parameters, "node-publish", "NodePublish", pvName, claim);
    Optional<Map<String, String>> data = Optional.empty();
    if (provisioner.isPresent()) {
      data = Optional.of(read(client, provisioner.get()));
    }
    return new Resolved(provisioner, data, nodePublish);
  }

  static String nameKey(String type) {
    return PREFIX + (type.isEmpty() ? "" : type + "-") + "secret-name";
  }

  static String namespaceKey(String type) {
    return PREFIX + (type.isEmpty() ? "" : type + "-") + "secret-namespace";
  }

  /** getSecretReference: the type's own pair, else the default pair; none when neither is set. */
  private static Optional<SecretRef> reference(
      Map<String, String> parameters,
      String type,
      String label,
      String pvName,
      PersistentVolumeClaim claim)
      throws ProvisioningError {
    Optional<String[]> templates = templates(parameters, type, label, "");
    if (templates.isEmpty()) {
      templates = templates(parameters, "", "Default", "default ");
    }
    if (templates.isEmpty()) {
      return Optional.empty();
    }
    String namespaceTemplate = templates.get()[1];
    String nameTemplate = templates.get()[0];
    Map<String, String> tokens = new HashMap<>();
    tokens.put("pv.name", pvName);
    tokens.put("pvc.namespace", claim.getMetadata().getNamespace());
    String namespace = expand(namespaceTemplate, tokens);
    if (!DNS_LABEL.matcher(namespace).matches()) {
      throw new ProvisioningError(invalid(namespaceTemplate, namespace, "namespace name"));
    }
    tokens.put("pvc.name", claim.getMetadata().getName());
    if (claim.getMetadata().getAnnotations() != null) {
      claim
          .getMetadata()
          .getAnnotations()
          .forEach((k, v) -> tokens.put("pvc.annotations['" + k + "']", v));
    }
    String name = expand(nameTemplate, tokens);
    if (!DNS_SUBDOMAIN.matcher(name).matches()) {
      throw new ProvisioningError(invalid(nameTemplate, name, "secret name"));
    }
    return Optional.of(new SecretRef(name, namespace));
  }

  private static String invalid(String template, String resolved, String what) {
    return template.equals(resolved)
        ? "\"" + template + "\" is not a valid " + what
        : "\"" + template + "\" resolved to \"" + resolved + "\" which is not a valid " + what;
  }

  /** verifyAndGetSecretNameAndNamespaceTemplate: both keys or neither, neither empty. */
  private static Optional<String[]> templates(
      Map<String, String> parameters, String type, String label, String which)
      throws ProvisioningError {
    String name = parameters.get(nameKey(type));
    String namespace = parameters.get(namespaceKey(type));
    if (name == null && namespace == null) {
      return Optional.empty();
    }
    String context = "failed to get " + which + "name and namespace template from params: ";
    if (name == null || namespace == null) {
      throw new ProvisioningError(
          context
              + "either name and namespace for "
              + label
              + " secrets specified, Both must be specified");
    }
    if (name.isEmpty() || namespace.isEmpty()) {
      throw new ProvisioningError(
          context
              + label
              + " secrets specified in parameters but value of either namespace or name is empty");
    }
    return Optional.of(new String[] {name, namespace});
  }

  /** resolveTemplate: every ${token} must be known. */
  private static String expand(String template, Map<String, String> tokens)
      throws ProvisioningError {
    TreeSet<String> missing = new TreeSet<>();
    Matcher matcher = TOKEN.matcher(template);
    StringBuilder resolved = new StringBuilder();
    while (matcher.find()) {
      String value = tokens.get(matcher.group(1));
      if (value == null) {
        missing.add(matcher.group(1));
        value = "";
      }
      matcher.appendReplacement(resolved, Matcher.quoteReplacement(value));
    }
    matcher.appendTail(resolved);
    if (!missing.isEmpty()) {
      throw new ProvisioningError(
          "error resolving value \""
              + template
              + "\": invalid tokens: [\""
              + String.join("\" \"", missing)
              + "\"]");
    }
    return resolved.toString();
  }

  /** getCredentials: the Secret's data, or the error that it cannot be read. */
  private static Map<String, String> read(KubernetesClient client, SecretRef ref)
      throws ProvisioningError {
    Secret secret = client.secrets().inNamespace(ref.namespace()).withName(ref.name()).get();
    if (secret == null) {
      throw new ProvisioningError(
          "error getting secret "
              + ref.name()
              + " in namespace "
              + ref.namespace()
              + ": secrets \""
              + ref.name()
              + "\" not found");
    }
    return data(secret);
  }

  /** A Secret's values, decoded. */
  static Map<String, String> data(Secret secret) {
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
    return data;
  }

  private static boolean isKnown(String key) {
    if ((PREFIX + "fstype").equals(key)) {
      return true;
    }
    return SECRET_TYPES.stream()
        .anyMatch(t -> key.equals(nameKey(t)) || key.equals(namespaceKey(t)));
  }
}
