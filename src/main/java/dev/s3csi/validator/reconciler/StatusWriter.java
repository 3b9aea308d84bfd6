package dev.s3csi.validator.reconciler;

import dev.s3csi.validator.api.ProvisioningValidation;
import dev.s3csi.validator.api.ValidationStatus;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.PrimaryUpdateAndCacheUtils;

/** Persists a run's status, the run's only progress record. */
final class StatusWriter {
  private StatusWriter() {}

  /**
   * Writes the status if it changed: a full replace of the status subresource under optimistic
   * locking, cached so the next reconciliation sees it even before the informer does.
   *
   * @return whether it wrote
   */
  static boolean persist(ProvisioningValidation run, ValidationStatus next, Context<ProvisioningValidation> context) {
    if (StatusCopies.same(run.getStatus(), next)) {
      return false;
    }
    var cloner = context.getControllerConfiguration().getConfigurationService().getResourceCloner();
    PrimaryUpdateAndCacheUtils.updateStatusAndCacheResource(run, context, latest -> {
      ProvisioningValidation updated = cloner.clone(latest);
      updated.setStatus(next);
      return updated;
    });
    run.setStatus(StatusCopies.copy(next));
    return true;
  }
}
