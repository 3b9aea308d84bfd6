package dev.s3csi.validator.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** The configurations the invalidParameters scenario expects the driver to refuse. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class InvalidParametersSpec {

  @JsonPropertyDescription(
      "Cases to run instead of the defaults (invalid bucketNaming, invalid s3Region,"
          + " ReadWriteOnce access mode, missing provisioner secret).")
  @Size(min = 1, max = 20)
  @ValidationRule(
      value = "self.all(c, !has(c.name) || self.exists_one(d, has(d.name) && d.name == c.name))",
      message = "must not name two cases alike")
  private List<InvalidParameterCase> cases;

  @JsonPropertyDescription(
      "A case the driver binds although none of its parameters left a trace on the volume was"
          + " ignored, not refused: Note (default) records the note InvalidParameterIgnored and"
          + " lets the scenario pass; Fail fails it with InvalidParameterAccepted. A case that"
          + " binds otherwise (an access mode, a secret, a parameter the volume shows) always fails.")
  private WhenIgnored whenIgnored;

  public List<InvalidParameterCase> getCases() {
    return cases;
  }

  public void setCases(List<InvalidParameterCase> cases) {
    this.cases = cases;
  }

  public WhenIgnored getWhenIgnored() {
    return whenIgnored;
  }

  public void setWhenIgnored(WhenIgnored whenIgnored) {
    this.whenIgnored = whenIgnored;
  }
}
