package dev.s3csi.validator.metrics;

import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Prometheus text exposition, parsed enough to read samples by name and labels. */
public final class Exposition {
  private static final Pattern SAMPLE =
      Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?\\s+(\\S+)$");
  private static final Pattern LABEL =
      Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  private final Map<String, Double> samples = new TreeMap<>();

  public Exposition(String text) {
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      Matcher m = SAMPLE.matcher(line.strip());
      if (!m.matches()) {
        throw new IllegalArgumentException("not a sample line: " + line);
      }
      Map<String, String> labels = new TreeMap<>();
      if (m.group(3) != null) {
        Matcher l = LABEL.matcher(m.group(3));
        while (l.find()) {
          labels.put(l.group(1), l.group(2));
        }
      }
      samples.put(key(m.group(1), labels), Double.parseDouble(m.group(4)));
    }
  }

  /**
   * The sample of that name whose labels include the given ones; empty if none, an error if
   * several.
   */
  public OptionalDouble value(String name, String... labelPairs) {
    Map<String, String> wanted = new TreeMap<>();
    for (int i = 0; i < labelPairs.length; i += 2) {
      wanted.put(labelPairs[i], labelPairs[i + 1]);
    }
    var matching =
        samples.entrySet().stream()
            .filter(
                e ->
                    e.getKey().startsWith(name + "{")
                        && wanted.entrySet().stream()
                            .allMatch(
                                w -> e.getKey().contains(w.getKey() + "=\"" + w.getValue() + "\"")))
            .toList();
    if (matching.size() > 1) {
      throw new IllegalStateException(
          matching.size() + " samples match " + name + wanted + ": " + matching);
    }
    return matching.isEmpty()
        ? OptionalDouble.empty()
        : OptionalDouble.of(matching.get(0).getValue());
  }

  /**
   * Every metric family name of the exposition (samples' names without _bucket/_count/_sum/_max).
   */
  public Set<String> names() {
    Set<String> names = new TreeSet<>();
    samples.keySet().forEach(k -> names.add(k.substring(0, k.indexOf('{'))));
    return names;
  }

  /** Every label value of one label across samples of one name. */
  public Set<String> labelValues(String name, String label) {
    Set<String> values = new TreeSet<>();
    Pattern p = Pattern.compile(label + "=\"([^\"]*)\"");
    samples.keySet().stream()
        .filter(k -> k.startsWith(name + "{"))
        .forEach(
            k -> {
              Matcher m = p.matcher(k);
              if (m.find()) {
                values.add(m.group(1));
              }
            });
    return values;
  }

  private static String key(String name, Map<String, String> labels) {
    StringBuilder key = new StringBuilder(name).append('{');
    labels.forEach((k, v) -> key.append(k).append("=\"").append(v).append("\","));
    return key.append('}').toString();
  }
}
