package dev.s3csi.validator.s3;

import org.junit.jupiter.api.Test;

import dev.s3csi.validator.spec.InvalidSpecException;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretList;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

class CredentialsSecretTest {

  @Test
  @SuppressWarnings("unchecked")
  void aSecretTheOperatorMayNotReadIsAnInvalidSpecThatSaysWhatToGrant() {
    KubernetesClient client = mock(KubernetesClient.class);
    MixedOperation<Secret, SecretList, Resource<Secret>> secrets = mock(MixedOperation.class);
    NonNamespaceOperation<Secret, SecretList, Resource<Secret>> inNamespace =
        mock(NonNamespaceOperation.class);
    Resource<Secret> secret = mock(Resource.class);
    when(client.secrets()).thenReturn(secrets);
    when(secrets.inNamespace("kube-system")).thenReturn(inNamespace);
    when(inNamespace.withName("s3-driver")).thenReturn(secret);
    when(secret.get())
        .thenThrow(
            new KubernetesClientException(
                new StatusBuilder()
                    .withCode(403)
                    .withMessage(
                        "secrets \"s3-driver\" is forbidden: User"
                            + " \"system:serviceaccount:ops:pval\" cannot get resource \"secrets\""
                            + " in API group \"\" in the namespace \"kube-system\"")
                    .build()));

    assertThatThrownBy(
            () ->
                CredentialsSecret.check(
                    client, "kube-system", "s3-driver", "spec.storageClass.parameters[x]"))
        .isInstanceOf(InvalidSpecException.class)
        .hasMessageContaining("spec.storageClass.parameters[x]")
        .hasMessageContaining("the operator may not read Secret kube-system/s3-driver (403")
        .hasMessageContaining("add kube-system to secretNamespaces");
  }
}
