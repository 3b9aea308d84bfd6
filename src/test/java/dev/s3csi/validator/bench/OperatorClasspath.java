package dev.s3csi.validator.bench;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.s3csi.validator.cli.Main;

/**
 * The operator's runtime classpath, as its image has it: the compiled classes and the runtime
 * dependencies the build lists in {@code target/operator.classpath} (maven-dependency-plugin), none
 * of the test dependencies the benchmark itself runs with.
 */
final class OperatorClasspath {
  static final String FILE = "operator.classpath";

  private OperatorClasspath() {}

  static String get() {
    Path classes = classesDirectory();
    Path listing = classes.resolveSibling(FILE);
    if (!Files.isReadable(listing)) {
      throw new IllegalStateException(
          listing
              + " is missing: run the build up to generate-test-resources (mvn test-compile) first");
    }
    try {
      return classes + File.pathSeparator + Files.readString(listing).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** target/classes, where the operator's own classes were compiled to. */
  private static Path classesDirectory() {
    try {
      return Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
