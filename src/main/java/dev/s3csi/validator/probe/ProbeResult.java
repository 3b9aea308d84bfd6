package dev.s3csi.validator.probe;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What a probe observed, as the JSON it leaves in its termination message. Kept small: Kubernetes
 * truncates termination messages at 4096 bytes.
 *
 * @param files one entry per planned operation, in plan order
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProbeResult(List<FileResult> files) {

  public ProbeResult {
    files = List.copyOf(files);
  }

  public boolean ok() {
    return files.stream().allMatch(f -> f.error() == null);
  }

  public List<FileResult> failures() {
    return files.stream().filter(f -> f.error() != null).toList();
  }

  /**
   * @param op write, read or delete
   * @param sha256 digest of what was written or read; absent on error or delete
   * @param error the I/O error, e.g. "NoSuchFileException", absent on success
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record FileResult(String op, String path, Long size, String sha256, String error) {}
}
