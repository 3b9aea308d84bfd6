package dev.s3csi.validator.preflight;

import dev.s3csi.validator.api.Reason;

/**
 * A precondition of the run does not hold: it ends Failed with this reason before anything is
 * created.
 */
public class PreflightException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final Reason reason;

  public PreflightException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
