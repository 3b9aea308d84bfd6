package dev.s3csi.validator.harness;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.s3csi.validator.api.ProvisioningValidation;
import dev.s3csi.validator.api.ValidationSpec;
import dev.s3csi.validator.spec.SecretParameters;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;

/**
 * What a cluster admin creates before applying a run written for another cluster (such as
 * deploy/examples/): its namespace and every Secret it names, here with the keys of the world's own
 * S3 Secret; and, since the world has one S3 only, the run's {@code spec.s3.endpoint} becomes the
 * world's. The rest of the file is sent as written.
 */
final class RunPrerequisites {
  private RunPrerequisites() {}

  /**
   * @return one line per thing done, for the user
   */
  static List<String> prepare(World world, GenericKubernetesResource run) {
    List<String> done = new ArrayList<>();
    Optional<String> s3 = world.pointAtThisS3(run);
    KubernetesClient client = world.client();
    Map<String, String> keys =
        client.secrets().inNamespace(World.NAMESPACE).withName(World.SECRET).get().getData();
    String namespace = run.getMetadata().getNamespace();
    Set<String> namespaces = new LinkedHashSet<>(List.of(namespace));
    Set<List<String>> secrets = new LinkedHashSet<>();
    ValidationSpec spec = typedSpec(run);
    if (spec != null
        && spec.getS3() != null
        && spec.getS3().getCredentialsSecretRef() != null
        && spec.getS3().getCredentialsSecretRef().getName() != null) {
      var ref = spec.getS3().getCredentialsSecretRef();
      secrets.add(
          List.of(ref.getNamespace() == null ? namespace : ref.getNamespace(), ref.getName()));
    }
    Map<String, String> parameters =
        spec == null
                || spec.getStorageClass() == null
                || spec.getStorageClass().getParameters() == null
            ? Map.of()
            : spec.getStorageClass().getParameters();
    SecretParameters.references(parameters).stream()
        .filter(r -> r.isComplete() && !r.isTemplated())
        .forEach(r -> secrets.add(List.of(r.namespace(), r.name())));
    secrets.forEach(s -> namespaces.add(s.get(0)));
    for (String name : namespaces) {
      if (client.namespaces().withName(name).get() == null) {
        client
            .namespaces()
            .resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
            .create();
        done.add("created namespace " + name);
      }
    }
    for (List<String> secret : secrets) {
      if (client.secrets().inNamespace(secret.get(0)).withName(secret.get(1)).get() == null) {
        client
            .secrets()
            .inNamespace(secret.get(0))
            .resource(
                new SecretBuilder()
                    .withNewMetadata()
                    .withName(secret.get(1))
                    .endMetadata()
                    .withData(keys)
                    .build())
            .create();
        done.add(
            "created Secret "
                + secret.get(0)
                + "/"
                + secret.get(1)
                + " with the keys of "
                + World.NAMESPACE
                + "/"
                + World.SECRET);
      }
    }
    s3.ifPresent(done::add);
    return done;
  }

  /**
   * The spec as the operator will read it; null when the file's spec is not one (admission will say
   * why).
   */
  private static ValidationSpec typedSpec(GenericKubernetesResource run) {
    try {
      return Serialization.unmarshal(Serialization.asJson(run), ProvisioningValidation.class)
          .getSpec();
    } catch (RuntimeException e) {
      return null;
    }
  }
}
