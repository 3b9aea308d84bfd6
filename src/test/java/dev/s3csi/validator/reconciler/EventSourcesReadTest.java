package dev.s3csi.validator.reconciler;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.s3csi.validator.api.ProvisioningValidation;

import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.EventSourceRetriever;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * A stopping operator empties its informers while reconciliations still run: what such a
 * reconciliation reads must not come back as "nothing exists" (it once let a stopped operator pass
 * deleteStorageClass and leak four StorageClasses).
 */
class EventSourcesReadTest {
  @SuppressWarnings("unchecked")
  private final InformerEventSource<StorageClass, ProvisioningValidation> storageClasses =
      mock(InformerEventSource.class);

  @SuppressWarnings("unchecked")
  private final Context<ProvisioningValidation> context = mock(Context.class);

  EventSourcesReadTest() {
    @SuppressWarnings("unchecked")
    EventSourceRetriever<ProvisioningValidation> retriever = mock(EventSourceRetriever.class);
    when(context.eventSourceRetriever()).thenReturn(retriever);
    when(retriever.<StorageClass>getEventSourceFor(
            StorageClass.class, EventSources.STORAGE_CLASSES))
        .thenReturn(storageClasses);
  }

  @Test
  void aRunningInformerIsReadAsItIs() {
    StorageClass present =
        new StorageClassBuilder()
            .withNewMetadata()
            .withName("pval-1-dedicated")
            .endMetadata()
            .build();
    when(storageClasses.get(new ResourceID("pval-1-dedicated"))).thenReturn(Optional.of(present));
    when(storageClasses.isRunning()).thenReturn(true);

    Optional<StorageClass> read =
        EventSources.read(
            context,
            StorageClass.class,
            EventSources.STORAGE_CLASSES,
            source -> source.get(new ResourceID("pval-1-dedicated")));

    assertThat(read).contains(present);
  }

  @Test
  void anInformerThatStoppedDuringTheReadIsNotEvidenceOfAbsence() {
    when(storageClasses.get(new ResourceID("pval-1-dedicated"))).thenReturn(Optional.empty());
    when(storageClasses.isRunning()).thenReturn(false);

    assertThatThrownBy(
            () ->
                EventSources.read(
                    context,
                    StorageClass.class,
                    EventSources.STORAGE_CLASSES,
                    source -> source.get(new ResourceID("pval-1-dedicated"))))
        .isInstanceOf(OperatorStoppingException.class)
        .hasMessageContaining("storageclasses informer stopped");
  }

  @Test
  void theRunListOfAStoppedControllerIsNotEvidenceEither() {
    io.javaoperatorsdk.operator.processing.event.source.controller.ControllerEventSource<
            ProvisioningValidation>
        controllerSource = mock();
    io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache<ProvisioningValidation>
        primaryCache = mock();
    when(context.getPrimaryCache()).thenReturn(primaryCache);
    when(primaryCache.list()).thenAnswer(invocation -> List.<ProvisioningValidation>of().stream());
    when(context.eventSourceRetriever().getControllerEventSource()).thenReturn(controllerSource);
    when(controllerSource.isRunning()).thenReturn(false);

    assertThatThrownBy(() -> EventSources.runs(context))
        .isInstanceOf(OperatorStoppingException.class);
  }
}
