package dev.s3csi.validator.s3;

/** S3 did not answer, or answered with a server error: the check can be retried, not concluded. */
public class S3UnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public S3UnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
