package dev.s3csi.validator.spec;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The spec cannot be run as written; the run ends Failed with reason InvalidSpec and these errors.
 */
public class InvalidSpecException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient List<FieldError> errors;

  public InvalidSpecException(List<FieldError> errors) {
    super(errors.stream().map(FieldError::toString).collect(Collectors.joining("; ")));
    this.errors = List.copyOf(errors);
  }

  public InvalidSpecException(String path, String message) {
    this(List.of(new FieldError(path, message)));
  }

  public List<FieldError> errors() {
    return errors;
  }
}
