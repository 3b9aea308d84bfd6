package dev.s3csi.validator.lifecycle;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.s3csi.validator.api.ScenarioStatus;
import dev.s3csi.validator.api.StepStatus;
import dev.s3csi.validator.api.ValidationStatus;
import dev.s3csi.validator.kube.ClusterView;
import dev.s3csi.validator.kube.ClusterWriter;
import dev.s3csi.validator.s3.S3Checks;
import dev.s3csi.validator.s3.S3UnavailableException;
import dev.s3csi.validator.scenario.steps.OrphanBuckets;

/**
 * The run's last act, once every scenario has finished and cleaned up: list the driver-named
 * buckets that appeared while its scenarios ran and match no PV, into {@code status.leakedBuckets}.
 * The run completes only when no unmatched bucket is young enough to be still in flight.
 */
public final class RunOrphanSweep {
  private static final Logger LOG = LoggerFactory.getLogger(RunOrphanSweep.class);

  /**
   * @return when to sweep again, while an unmatched bucket is too young to judge
   */
  public Optional<Instant> sweep(
      ValidationStatus status, S3Checks s3, ClusterView cluster, ClusterWriter api, Instant now) {
    Instant from = Instant.parse(status.getStartTime());
    Instant until = lastStepEnd(status.getScenarios()).orElse(now);
    OrphanBuckets.Scan scan;
    try {
      scan = OrphanBuckets.scan(s3, cluster, api, from, until, now);
    } catch (S3UnavailableException e) {
      // The run's verdict stands on its scenarios; the sweep is not worth holding it open for S3.
      LOG.warn("orphan-bucket sweep skipped: {}", e.getMessage());
      return Optional.empty();
    }
    TreeSet<String> leaked = new TreeSet<>(status.getLeakedBuckets());
    leaked.addAll(scan.orphans());
    status.setLeakedBuckets(List.copyOf(leaked));
    return scan.recheckAt();
  }

  /**
   * When the last step of any scenario finished: nothing the run did can have created a bucket
   * after that.
   */
  static Optional<Instant> lastStepEnd(List<ScenarioStatus> scenarios) {
    return scenarios.stream()
        .flatMap(s -> s.getSteps().stream())
        .filter(step -> step.getStartTime() != null)
        .map(RunOrphanSweep::end)
        .max(Instant::compareTo);
  }

  private static Instant end(StepStatus step) {
    long millis = step.getDurationMillis() == null ? 0 : step.getDurationMillis();
    return Instant.parse(step.getStartTime()).plusMillis(millis);
  }
}
