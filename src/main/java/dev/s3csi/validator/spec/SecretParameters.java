package dev.s3csi.validator.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The StorageClass parameters through which external-provisioner hands Secrets to a CSI driver:
 * {@code csi.storage.k8s.io/<type>-secret-name} and {@code -namespace}, always as a pair.
 */
public final class SecretParameters {
  public static final String RESERVED_PREFIX = "csi.storage.k8s.io/";
  public static final String PROVISIONER = "provisioner";
  public static final String NODE_PUBLISH = "node-publish";

  /** The fallback for every secret type. */
  public static final String ANY = "";

  private static final List<String> TYPES = List.of(PROVISIONER, NODE_PUBLISH, ANY);

  private SecretParameters() {}

  public static String nameKey(String type) {
    return RESERVED_PREFIX + (type.isEmpty() ? "" : type + "-") + "secret-name";
  }

  public static String namespaceKey(String type) {
    return RESERVED_PREFIX + (type.isEmpty() ? "" : type + "-") + "secret-namespace";
  }

  /** A Secret reference as a StorageClass gives it; either part may be missing or a template. */
  public record Reference(String type, String name, String namespace) {

    public boolean isTemplated() {
      return (name != null && name.contains("${"))
          || (namespace != null && namespace.contains("${"));
    }

    public boolean isComplete() {
      return name != null && !name.isEmpty() && namespace != null && !namespace.isEmpty();
    }
  }

  /** Every secret type the parameters mention, in a fixed order. */
  public static List<Reference> references(Map<String, String> parameters) {
    List<Reference> found = new ArrayList<>();
    for (String type : TYPES) {
      String name = parameters.get(nameKey(type));
      String namespace = parameters.get(namespaceKey(type));
      if (name != null || namespace != null) {
        found.add(new Reference(type, name, namespace));
      }
    }
    return found;
  }

  /**
   * The reference for {@code type}, falling back to the generic secret as external-provisioner
   * does.
   */
  public static java.util.Optional<Reference> effective(
      Map<String, String> parameters, String type) {
    List<Reference> all = references(parameters);
    return all.stream()
        .filter(r -> r.type().equals(type))
        .findFirst()
        .or(() -> all.stream().filter(r -> r.type().equals(ANY)).findFirst());
  }
}
