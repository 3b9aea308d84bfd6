package dev.s3csi.validator.probe;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What a probe observed, as the JSON it leaves in its termination message. Kept small: the kubelet
 * keeps the last {@link #TERMINATION_MESSAGE_LIMIT} bytes of a termination message ({@link
 * ProbeInvocation#toBoundedJson}).
 *
 * @param files one entry per planned operation, in plan order
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProbeResult(List<FileResult> files) {
  /** kubecontainer.MaxContainerTerminationMessageLength: what the kubelet reads of the file. */
  public static final int TERMINATION_MESSAGE_LIMIT = 4096;

  public ProbeResult {
    files = List.copyOf(files);
  }

  public boolean ok() {
    return files.stream().allMatch(f -> f.error() == null);
  }

  /** The same result with every error text cut to {@code length} characters (0: none left). */
  ProbeResult withErrorsCutTo(int length) {
    return new ProbeResult(
        files.stream()
            .map(
                f ->
                    f.error() == null || f.error().length() <= length
                        ? f
                        : new FileResult(
                            f.op(), f.path(), f.size(), f.sha256(), f.error().substring(0, length)))
            .toList());
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
