package dev.s3csi.validator.api;

/**
 * What the invalidParameters scenario makes of a case the driver bound although none of its
 * parameters left a trace on the volume: the driver ignored them. Scality driver 2.2 documents that
 * it ignores every parameter but its secrets, so by default that is a note ({@link
 * Reason#InvalidParameterIgnored}) and not a failure that pages on every run.
 */
public enum WhenIgnored {
  /** The case is noted as InvalidParameterIgnored; the scenario can still pass. */
  Note,
  /** The case fails the scenario with InvalidParameterAccepted. */
  Fail
}
