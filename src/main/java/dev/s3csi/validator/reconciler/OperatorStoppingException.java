package dev.s3csi.validator.reconciler;

/**
 * A reconciliation read a cache the stopping operator has already shut: nothing it saw may be
 * concluded or written. The operator that takes over starts from the run's status.
 */
final class OperatorStoppingException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  OperatorStoppingException(String informer) {
    super(
        "the "
            + informer
            + " informer stopped during the reconciliation: the operator is shutting down");
  }
}
