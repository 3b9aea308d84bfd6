package dev.s3csi.validator.observe;

import java.util.List;

import dev.s3csi.validator.api.ProvisioningValidation;
import dev.s3csi.validator.api.ValidationStatus;

import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;

/** What the reconciler tells about runs: the Kubernetes events and the metrics listen here. */
public interface RunObserver {

  /**
   * A reconciliation persisted {@code persisted} for {@code run}; called only after the write
   * succeeded, so that a retried reconciliation reports its transitions once.
   */
  void persisted(
      ProvisioningValidation run, ValidationStatus persisted, List<Transition> transitions);

  /**
   * A reconciliation found the run already finished, e.g. on the operator's start: history, not
   * news.
   */
  default void finishedRunSeen(ProvisioningValidation run) {}

  /** The operator's cache of all runs, for figures over every run rather than over transitions. */
  default void watching(IndexerResourceCache<ProvisioningValidation> runs) {}

  static RunObserver all(List<RunObserver> observers) {
    return new RunObserver() {
      @Override
      public void persisted(
          ProvisioningValidation run, ValidationStatus persisted, List<Transition> transitions) {
        observers.forEach(o -> o.persisted(run, persisted, transitions));
      }

      @Override
      public void finishedRunSeen(ProvisioningValidation run) {
        observers.forEach(o -> o.finishedRunSeen(run));
      }

      @Override
      public void watching(IndexerResourceCache<ProvisioningValidation> runs) {
        observers.forEach(o -> o.watching(runs));
      }
    };
  }
}
