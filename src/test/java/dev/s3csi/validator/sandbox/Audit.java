package dev.s3csi.validator.sandbox;

import com.fasterxml.jackson.annotation.JsonIgnore;

/** What runs left behind in the sandbox: all zeros after a clean run. */
public record Audit(int pvcs, int pvs, int pods, int storageClasses, int buckets) {

  @JsonIgnore
  public boolean isClean() {
    return pvcs + pvs + pods + storageClasses + buckets == 0;
  }
}
