package dev.s3csi.validator.cli;

/**
 * Why a command cannot work with the cluster, as one line for its user: what is wrong, where, and
 * what to do about it. Commands print it instead of a stack trace and exit 1.
 */
final class ClusterProblem extends RuntimeException {
  private static final long serialVersionUID = 1L;

  ClusterProblem(String cause, String fix) {
    // One line, whatever the messages quoted in it span (a YAML parser's, an API server's).
    super((cause + ". " + fix).replaceAll("\\s*\\R\\s*", " "));
  }
}
