package dev.s3csi.validator.harness;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * What runs left behind in the sandbox: all zeros after a clean run. {@code orphanBuckets} counts
 * the buckets the orphan-bucket fault made apart: the validator reports those and never deletes
 * them.
 */
public record Audit(
    int pvcs, int pvs, int pods, int storageClasses, int buckets, int orphanBuckets) {

  @JsonIgnore
  public boolean isClean() {
    return pvcs + pvs + pods + storageClasses + buckets == 0;
  }

  /** One line, as the demo prints it. */
  public String describe() {
    String orphans =
        orphanBuckets == 0
            ? ""
            : " orphanBuckets="
                + orphanBuckets
                + " (reported in status.leakedBuckets, never deleted)";
    return "audit: pvcs="
        + pvcs
        + " pvs="
        + pvs
        + " pods="
        + pods
        + " storageClasses="
        + storageClasses
        + " buckets="
        + buckets
        + orphans
        + (isClean() ? " (nothing left behind)" : " (LEFT BEHIND)");
  }
}
