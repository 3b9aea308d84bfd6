package dev.s3csi.validator.reconciler;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Operator-wide settings, from the environment the Deployment gives the operator.
 *
 * @param watchNamespaces namespaces whose runs are reconciled; empty for all
 * @param probeImage image of probe pods when a run does not name one: the operator's own image
 * @param maxConcurrentRuns runs that may be in progress at once; later ones wait in Pending
 *     (reason Queued) for a slot. 0 for no limit
 */
public record OperatorSettings(Set<String> watchNamespaces, String probeImage, int maxConcurrentRuns) {
  public static final String DEFAULT_PROBE_IMAGE = "provisioning-validator:latest";
  public static final int DEFAULT_MAX_CONCURRENT_RUNS = 10;

  public OperatorSettings {
    if (maxConcurrentRuns < 0) {
      throw new IllegalArgumentException("MAX_CONCURRENT_RUNS must be 0 (no limit) or more, got " + maxConcurrentRuns);
    }
  }

  public OperatorSettings(Set<String> watchNamespaces, String probeImage) {
    this(watchNamespaces, probeImage, DEFAULT_MAX_CONCURRENT_RUNS);
  }

  public static OperatorSettings fromEnvironment(Map<String, String> env) {
    Set<String> namespaces = Arrays.stream(env.getOrDefault("WATCH_NAMESPACES", "").split(","))
        .map(String::strip)
        .filter(s -> !s.isEmpty())
        .collect(Collectors.toUnmodifiableSet());
    String limit = env.getOrDefault("MAX_CONCURRENT_RUNS", Integer.toString(DEFAULT_MAX_CONCURRENT_RUNS)).strip();
    try {
      return new OperatorSettings(namespaces, env.getOrDefault("PROBE_IMAGE", DEFAULT_PROBE_IMAGE), Integer.parseInt(limit));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("MAX_CONCURRENT_RUNS must be a whole number, got '" + limit + "'", e);
    }
  }

  public OperatorSettings withMaxConcurrentRuns(int limit) {
    return new OperatorSettings(watchNamespaces, probeImage, limit);
  }
}
