package dev.s3csi.validator.reconciler;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.s3csi.validator.kube.OwnObjects;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real informer with the store, against the mock API server: the cluster's other Events pass
 * through and leave nothing behind, neither in the store nor in the cache's namespace index; the
 * validator's are kept and removed as the API server adds and deletes them.
 */
@EnableKubernetesMockClient(crud = true)
class OwnObjectsStoreTest {
  KubernetesClient client;

  static Event event(String namespace, String name, String about) {
    return new EventBuilder()
        .withNewMetadata()
        .withNamespace(namespace)
        .withName(name)
        .endMetadata()
        .withNewInvolvedObject()
        .withKind("Pod")
        .withNamespace(namespace)
        .withName(about)
        .endInvolvedObject()
        .withType("Normal")
        .withReason("Pulled")
        .build();
  }

  @Test
  void keepsTheValidatorsEventsAndNothingOfTheOthers() throws Exception {
    for (int i = 0; i < 200; i++) {
      client
          .v1()
          .events()
          .resource(event("tenant-" + i % 4, "web-" + i + ".17f", "web-" + i))
          .create();
    }
    client.v1().events().resource(event("validation", "pval-1.17f", "pval-1-probe-0")).create();

    try (SharedIndexInformer<Event> informer =
        client
            .v1()
            .events()
            .inAnyNamespace()
            .runnableInformer(0)
            .itemStore(new OwnObjectsStore<>(OwnObjects::isAboutOwnObject))) {
      informer.start().toCompletableFuture().get(30, TimeUnit.SECONDS);

      assertThat(informer.getStore().listKeys()).containsExactly("validation/pval-1.17f");
      for (int n = 0; n < 4; n++) {
        assertThat(informer.getIndexer().indexKeys(Cache.NAMESPACE_INDEX, "tenant-" + n))
            .containsOnly(OwnObjectsStore.FOREIGN);
      }

      client.v1().events().resource(event("validation", "pval-2.17f", "pval-2-probe-0")).create();
      client.v1().events().resource(event("tenant-0", "late.17f", "late")).create();
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () ->
                  assertThat(informer.getStore().listKeys())
                      .containsExactlyInAnyOrder("validation/pval-1.17f", "validation/pval-2.17f"));

      client.v1().events().inNamespace("validation").withName("pval-1.17f").delete();
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () ->
                  assertThat(informer.getStore().listKeys())
                      .containsExactly("validation/pval-2.17f"));
      assertThat(informer.getIndexer().indexKeys(Cache.NAMESPACE_INDEX, "validation"))
          .containsExactly("validation/pval-2.17f");
    }
  }
}
