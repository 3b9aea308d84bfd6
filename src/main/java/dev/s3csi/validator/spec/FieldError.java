package dev.s3csi.validator.spec;

/** One problem with a spec, located by its field path, e.g. {@code spec.timeouts.bind}. */
public record FieldError(String path, String message) {
  @Override
  public String toString() {
    return path + ": " + message;
  }
}
