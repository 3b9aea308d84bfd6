package dev.s3csi.validator.api;

/** Outcome of a scenario or of one of its steps. */
public enum Outcome {
  Pending,
  Running,
  Passed,
  Failed,
  Skipped;

  public boolean isFinished() {
    return this == Passed || this == Failed || this == Skipped;
  }
}
