package dev.s3csi.validator.api;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * Names of what a scenario created or caused. Recorded as soon as they are known, so cleanup after
 * a restart or a deletion finds them even when the objects that led to them are gone.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class ScenarioResources {

  private List<String> storageClasses = new ArrayList<>();

  private List<String> pvcs = new ArrayList<>();

  private List<String> pvs = new ArrayList<>();

  private List<String> pods = new ArrayList<>();

  private List<String> buckets = new ArrayList<>();

  @JsonPropertyDescription(
      "Object prefixes (bucket/prefix/) written in buckets the run did not create.")
  private List<String> prefixes = new ArrayList<>();

  public List<String> getStorageClasses() {
    return storageClasses;
  }

  public void setStorageClasses(List<String> storageClasses) {
    this.storageClasses = storageClasses;
  }

  public List<String> getPvcs() {
    return pvcs;
  }

  public void setPvcs(List<String> pvcs) {
    this.pvcs = pvcs;
  }

  public List<String> getPvs() {
    return pvs;
  }

  public void setPvs(List<String> pvs) {
    this.pvs = pvs;
  }

  public List<String> getPods() {
    return pods;
  }

  public void setPods(List<String> pods) {
    this.pods = pods;
  }

  public List<String> getBuckets() {
    return buckets;
  }

  public void setBuckets(List<String> buckets) {
    this.buckets = buckets;
  }

  public List<String> getPrefixes() {
    return prefixes;
  }

  public void setPrefixes(List<String> prefixes) {
    this.prefixes = prefixes;
  }
}
