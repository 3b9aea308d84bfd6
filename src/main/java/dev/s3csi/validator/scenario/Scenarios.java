package dev.s3csi.validator.scenario;

import dev.s3csi.validator.api.ScenarioName;
import dev.s3csi.validator.engine.Scenario;
import dev.s3csi.validator.spec.EffectiveSpec;

/** The scenario definition behind each name a CR can list, sized by the run's spec. */
public final class Scenarios {
  private Scenarios() {}

  public static Scenario of(ScenarioName name, EffectiveSpec spec) {
    return switch (name) {
      case DEDICATED_BUCKET -> new DedicatedBucketScenario();
      case SHARED_BUCKET -> new SharedBucketScenario(spec.sharedBucket().volumes());
      case DELETE_RECLAIM -> new DeleteReclaimScenario();
      case STORAGE_CLASS_OPTIONS -> new StorageClassOptionsScenario();
      case INVALID_PARAMETERS -> new InvalidParametersScenario(spec.invalidParameters());
      case CONCURRENT_VOLUMES ->
          new ConcurrentVolumesScenario(
              spec.concurrentVolumes().count(), spec.concurrentVolumes().podsPerVolume());
      case RETAIN_RECLAIM -> new RetainReclaimScenario();
      case WAIT_FOR_FIRST_CONSUMER -> new WaitForFirstConsumerScenario();
      case READ_ONLY_MOUNT -> new ReadOnlyMountScenario();
    };
  }
}
