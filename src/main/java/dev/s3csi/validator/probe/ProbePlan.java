package dev.s3csi.validator.probe;

import java.util.List;

/**
 * What a probe pod does through its mounted volume, in this order: write new files, read files and
 * report their digests, delete files. It travels as JSON in the pod's arguments.
 *
 * @param write files to create, sequentially and each closed before the next (mountpoint rules)
 * @param read files to read back; their digests are compared by the operator, not the probe
 * @param delete files to remove (needs the allow-delete mount option on mountpoint-s3)
 */
public record ProbePlan(List<WriteFile> write, List<String> read, List<String> delete) {

  public ProbePlan {
    write = write == null ? List.of() : List.copyOf(write);
    read = read == null ? List.of() : List.copyOf(read);
    delete = delete == null ? List.of() : List.copyOf(delete);
  }

  /** A file of {@code size} bytes of {@link ProbeContent} for {@code seed}. */
  public record WriteFile(String path, long size, long seed) {}
}
