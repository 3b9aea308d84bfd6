package dev.s3csi.validator.scenario.steps;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.s3csi.validator.api.ProvisioningValidation;
import dev.s3csi.validator.api.ScenarioStatus;
import dev.s3csi.validator.kube.ClusterView;
import dev.s3csi.validator.kube.ClusterWriter;
import dev.s3csi.validator.s3.S3Checks;
import dev.s3csi.validator.s3.S3Checks.ListedBucket;

import io.fabric8.kubernetes.api.model.PersistentVolume;

/**
 * Finds driver-named buckets ({@code csi-s3-*}) that appeared during a time window and that no PV
 * names: the leak of a non-idempotent CreateVolume retried after a timeout, or of a PVC deleted
 * mid-provisioning. They are reported, never deleted: nothing proves the validator caused them.
 *
 * <p>"Appeared during" compares S3's bucket creation dates with the window (with a tolerance for
 * clock skew between S3 and the operator), so the sweep needs no record of the buckets that existed
 * before, and survives an operator restart. A bucket younger than {@link #IN_FLIGHT} may be a
 * CreateVolume whose PV is still being written, so it is judged only once it is older.
 */
public final class OrphanBuckets {
  public static final String DRIVER_PREFIX = "csi-s3-";

  /**
   * external-provisioner's default CreateVolume timeout: past it, the call that made the bucket is
   * abandoned.
   */
  public static final Duration IN_FLIGHT = Duration.ofSeconds(10);

  static final Duration CLOCK_TOLERANCE = Duration.ofSeconds(5);

  private OrphanBuckets() {}

  /**
   * @param orphans confirmed orphans, sorted
   * @param recheckAt when the youngest unmatched bucket can be judged; empty when none is pending
   */
  public record Scan(List<String> orphans, Optional<Instant> recheckAt) {}

  /**
   * Judges against the validator's PVs and runs first; only buckets none of them names are looked
   * up in every PV at the API server (another workload's PV may name them), so a sweep that finds
   * nothing unusual costs no request, however many PVs the cluster holds.
   */
  public static Scan scan(
      S3Checks s3,
      ClusterView cluster,
      ClusterWriter api,
      Instant from,
      Instant until,
      Instant now) {
    return scan(s3.listBuckets(), cluster, api, from, until, now);
  }

  static Scan scan(
      List<ListedBucket> listed,
      ClusterView cluster,
      ClusterWriter api,
      Instant from,
      Instant until,
      Instant now) {
    Set<String> inUse = inUse(cluster);
    Scan scan = judge(listed, inUse, from, until, now);
    if (scan.orphans().isEmpty()) {
      return scan;
    }
    api.forEachVolume(volume -> addBuckets(volume, inUse));
    return judge(listed, inUse, from, until, now);
  }

  /**
   * Buckets the validator's PVs name, plus every bucket a run recorded (a kept bucket awaiting its
   * run's cleanup).
   */
  static Set<String> inUse(ClusterView cluster) {
    Set<String> names = new HashSet<>();
    for (PersistentVolume volume : cluster.volumes()) {
      addBuckets(volume, names);
    }
    for (ProvisioningValidation run : cluster.runs()) {
      if (run.getStatus() != null) {
        for (ScenarioStatus scenario : run.getStatus().getScenarios()) {
          names.addAll(scenario.getResources().getBuckets());
        }
      }
    }
    return names;
  }

  private static void addBuckets(PersistentVolume volume, Set<String> names) {
    var csi = volume.getSpec() == null ? null : volume.getSpec().getCsi();
    if (csi != null) {
      names.add(csi.getVolumeHandle());
      Map<String, String> attributes = csi.getVolumeAttributes();
      if (attributes != null && attributes.get(VolumeLocation.BUCKET_ATTRIBUTE) != null) {
        names.add(attributes.get(VolumeLocation.BUCKET_ATTRIBUTE));
      }
    }
  }

  static Scan judge(
      List<ListedBucket> listed, Set<String> inUse, Instant from, Instant until, Instant now) {
    Instant earliest = from.minus(CLOCK_TOLERANCE);
    Instant latest = until.plus(CLOCK_TOLERANCE);
    Optional<Instant> recheck = Optional.empty();
    List<String> orphans = new ArrayList<>();
    for (ListedBucket bucket : listed) {
      Instant created = bucket.created();
      if (!bucket.name().startsWith(DRIVER_PREFIX)
          || inUse.contains(bucket.name())
          || created == null
          || created.isBefore(earliest)
          || created.isAfter(latest)) {
        continue;
      }
      Instant judgeable = created.plus(IN_FLIGHT);
      if (now.isBefore(judgeable)) {
        recheck = recheck.filter(r -> r.isBefore(judgeable)).or(() -> Optional.of(judgeable));
      } else {
        orphans.add(bucket.name());
      }
    }
    return new Scan(orphans.stream().sorted().toList(), recheck);
  }
}
