package dev.s3csi.validator.sandbox;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.s3csi.validator.sandbox.Timeline.Stage;

import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * The latency the slow fault adds to each stage: provisioning, mounting, deletion. The delay holds
 * no worker thread: the stage's work is scheduled after it, so the stages of many objects overlap,
 * as they do behind the parallel workers of a real external-provisioner and kubelet. Every delay is
 * recorded in the {@link Timeline}.
 */
final class SlowStages {
  private final Duration delay;
  private final Timeline timeline;

  SlowStages(Set<Fault> faults, Duration slowStage, Timeline timeline) {
    this.delay = faults.contains(Fault.SLOW) ? slowStage : Duration.ZERO;
    this.timeline = timeline;
  }

  /**
   * Runs {@code work} after the stage's delay on {@code workers}; at once, on this thread, when not
   * slow.
   */
  void then(ScheduledExecutorService workers, Stage stage, HasMetadata about, Runnable work) {
    if (delay.isZero()) {
      work.run();
      return;
    }
    timeline.delayed(about, stage);
    workers.schedule(work, delay.toNanos(), TimeUnit.NANOSECONDS);
  }
}
