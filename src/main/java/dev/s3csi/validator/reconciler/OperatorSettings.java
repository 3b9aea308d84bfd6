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
 */
public record OperatorSettings(Set<String> watchNamespaces, String probeImage) {
  public static final String DEFAULT_PROBE_IMAGE = "provisioning-validator:latest";

  public static OperatorSettings fromEnvironment(Map<String, String> env) {
    Set<String> namespaces = Arrays.stream(env.getOrDefault("WATCH_NAMESPACES", "").split(","))
        .map(String::strip)
        .filter(s -> !s.isEmpty())
        .collect(Collectors.toUnmodifiableSet());
    return new OperatorSettings(namespaces, env.getOrDefault("PROBE_IMAGE", DEFAULT_PROBE_IMAGE));
  }
}
