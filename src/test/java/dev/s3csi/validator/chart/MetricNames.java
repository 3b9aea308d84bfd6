package dev.s3csi.validator.chart;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Metric names in PromQL expressions, and the ones docs/metrics.md documents. */
public final class MetricNames {
  public static final Path DOC = Path.of("docs/metrics.md");

  /** A metric name is followed by its selector, its range or the end of an aggregation. */
  private static final Pattern IN_EXPRESSION =
      Pattern.compile("\\b([a-z][a-z0-9]*_[a-z0-9_]+)\\s*[{\\[)]");

  private static final Pattern IN_DOC =
      Pattern.compile("^\\| `([a-z][a-z0-9_]*)`", Pattern.MULTILINE);
  private static final Pattern SERIES_SUFFIX = Pattern.compile("_(bucket|count|sum|max)$");

  private MetricNames() {}

  /** Metric families an expression reads, with histogram series suffixes removed. */
  public static Set<String> in(String expression) {
    Set<String> names = new TreeSet<>();
    Matcher m = IN_EXPRESSION.matcher(expression);
    while (m.find()) {
      names.add(family(m.group(1)));
    }
    return names;
  }

  /** The first column of the tables in docs/metrics.md. */
  public static Set<String> documented() {
    try {
      Set<String> names = new TreeSet<>();
      Matcher m = IN_DOC.matcher(Files.readString(DOC));
      while (m.find()) {
        names.add(m.group(1));
      }
      return names;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String family(String series) {
    return SERIES_SUFFIX.matcher(series).replaceFirst("");
  }
}
