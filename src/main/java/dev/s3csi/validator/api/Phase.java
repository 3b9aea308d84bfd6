package dev.s3csi.validator.api;

/** Lifecycle of a run. The names are the wire values, as Kubernetes phases are. */
public enum Phase {
  Pending,
  Running,
  Succeeded,
  Failed;

  public boolean isTerminal() {
    return this == Succeeded || this == Failed;
  }
}
