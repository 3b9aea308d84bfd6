package dev.s3csi.validator.reconciler;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Operator-wide settings, from the environment the Deployment gives the operator.
 *
 * @param watchNamespaces namespaces whose runs are reconciled; empty for all
 * @param probeImage image of probe pods when a run does not name one: the operator's own image
 * @param maxConcurrentRuns runs that may be in progress at once; later ones wait in Pending (reason
 *     Queued) for a slot. 0 for no limit
 */
public record OperatorSettings(
    Set<String> watchNamespaces, String probeImage, int maxConcurrentRuns) {
  /** This build's version, from the pom: the tag of its image, the chart's appVersion. */
  public static final String VERSION = buildVersion();

  /** The image this build is published as, under the name the chart and deploy/ give it. */
  public static final String DEFAULT_PROBE_IMAGE = "provisioning-validator:" + VERSION;

  public static final int DEFAULT_MAX_CONCURRENT_RUNS = 10;

  public OperatorSettings {
    if (maxConcurrentRuns < 0) {
      throw new IllegalArgumentException(
          "MAX_CONCURRENT_RUNS must be 0 (no limit) or more, got " + maxConcurrentRuns);
    }
  }

  public OperatorSettings(Set<String> watchNamespaces, String probeImage) {
    this(watchNamespaces, probeImage, DEFAULT_MAX_CONCURRENT_RUNS);
  }

  public static OperatorSettings fromEnvironment(Map<String, String> env) {
    Set<String> namespaces =
        Arrays.stream(env.getOrDefault("WATCH_NAMESPACES", "").split(","))
            .map(String::strip)
            .filter(s -> !s.isEmpty())
            .collect(Collectors.toUnmodifiableSet());
    String limit =
        env.getOrDefault("MAX_CONCURRENT_RUNS", Integer.toString(DEFAULT_MAX_CONCURRENT_RUNS))
            .strip();
    try {
      return new OperatorSettings(
          namespaces,
          env.getOrDefault("PROBE_IMAGE", DEFAULT_PROBE_IMAGE),
          Integer.parseInt(limit));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "MAX_CONCURRENT_RUNS must be a whole number, got '" + limit + "'", e);
    }
  }

  private static String buildVersion() {
    try (InputStream in =
        OperatorSettings.class.getResourceAsStream("/dev/s3csi/validator/version.properties")) {
      Properties properties = new Properties();
      if (in != null) {
        properties.load(in);
      }
      return properties.getProperty("version", "unknown");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public OperatorSettings withMaxConcurrentRuns(int limit) {
    return new OperatorSettings(watchNamespaces, probeImage, limit);
  }
}
