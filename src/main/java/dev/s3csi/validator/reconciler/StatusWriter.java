package dev.s3csi.validator.reconciler;

import dev.s3csi.validator.api.ProvisioningValidation;
import dev.s3csi.validator.api.ValidationStatus;
import dev.s3csi.validator.lifecycle.StatusStore;
import dev.s3csi.validator.status.StatusCopies;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.PrimaryUpdateAndCacheUtils;

/** Persists a run's status through one reconciliation's context. */
final class StatusWriter implements StatusStore {
  private final Context<ProvisioningValidation> context;

  StatusWriter(Context<ProvisioningValidation> context) {
    this.context = context;
  }

  /**
   * Writes the status if it changed: a PUT of the whole status subresource under optimistic locking
   * (the run's resource version; on a conflict JOSDK applies it again to the latest version it
   * caches), cached so the next reconciliation sees it even before the informer does; {@code run}
   * then holds what was written, and its new resource version.
   */
  @Override
  public boolean persist(ProvisioningValidation run, ValidationStatus next) {
    if (StatusCopies.same(run.getStatus(), next)) {
      return false;
    }
    var cloner = context.getControllerConfiguration().getConfigurationService().getResourceCloner();
    ProvisioningValidation stored =
        PrimaryUpdateAndCacheUtils.updateStatusAndCacheResource(
            run,
            context,
            latest -> {
              ProvisioningValidation updated = cloner.clone(latest);
              updated.setStatus(next);
              return updated;
            });
    run.setStatus(StatusCopies.copy(next));
    // The version now stored: a later write in the same reconciliation is then not refused as
    // stale.
    run.getMetadata().setResourceVersion(stored.getMetadata().getResourceVersion());
    return true;
  }
}
