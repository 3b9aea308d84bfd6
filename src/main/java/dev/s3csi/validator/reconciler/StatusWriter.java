package dev.s3csi.validator.reconciler;

import dev.s3csi.validator.api.ProvisioningValidation;
import dev.s3csi.validator.api.ValidationStatus;
import dev.s3csi.validator.status.StatusCopies;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.PrimaryUpdateAndCacheUtils;

/** Persists a run's status, the run's only progress record. */
final class StatusWriter {
  private StatusWriter() {}

  /**
   * Writes the status if it changed: a full replace of the status subresource under optimistic
   * locking, cached so the next reconciliation sees it even before the informer does; {@code run}
   * then holds what was written, and its new resource version.
   *
   * @return whether it wrote
   */
  static boolean persist(ProvisioningValidation run, ValidationStatus next, Context<ProvisioningValidation> context) {
    if (StatusCopies.same(run.getStatus(), next)) {
      return false;
    }
    var cloner = context.getControllerConfiguration().getConfigurationService().getResourceCloner();
    ProvisioningValidation stored = PrimaryUpdateAndCacheUtils.updateStatusAndCacheResource(run, context, latest -> {
      ProvisioningValidation updated = cloner.clone(latest);
      updated.setStatus(next);
      return updated;
    });
    run.setStatus(StatusCopies.copy(next));
    // The version now stored: a later write in the same reconciliation is then not refused as stale.
    run.getMetadata().setResourceVersion(stored.getMetadata().getResourceVersion());
    return true;
  }
}
