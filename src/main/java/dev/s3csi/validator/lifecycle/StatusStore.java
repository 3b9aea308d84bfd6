package dev.s3csi.validator.lifecycle;

import dev.s3csi.validator.api.ProvisioningValidation;
import dev.s3csi.validator.api.ValidationStatus;

/** Where a run's status is kept: the run's only record of its progress. */
@FunctionalInterface
public interface StatusStore {

  /**
   * Stores {@code next} as the run's status if it differs from the one {@code run} holds; {@code
   * run} then holds what was stored.
   *
   * @return whether it wrote
   */
  boolean persist(ProvisioningValidation run, ValidationStatus next);
}
