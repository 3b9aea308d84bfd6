package dev.s3csi.validator.reconciler;

import java.util.Map;
import java.util.Optional;

import dev.s3csi.validator.metrics.Registries;

import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * Where this operator instance runs: the registry its meters go to, its leader election (with more
 * than one replica), and its name as the reporter of the events it writes.
 *
 * @param instance the reporting instance of events: the pod's name in a cluster
 */
public record OperatorRuntime(
    PrometheusMeterRegistry registry,
    Optional<LeaderElectionConfiguration> leaderElection,
    String instance) {
  /** Set by the Deployment when replicas > 1: the Lease the replicas compete for. */
  public static final String LEASE_NAME = "LEADER_ELECTION_LEASE_NAME";

  public static final String POD_NAME = "POD_NAME";
  public static final String POD_NAMESPACE = "POD_NAMESPACE";
  static final String LOCAL = "local";

  /** A single instance outside a cluster: the sandbox, tests and {@code run}. */
  public static OperatorRuntime local() {
    return new OperatorRuntime(Registries.prometheus(), Optional.empty(), LOCAL);
  }

  /** As the Deployment configures it: the pod's name and namespace come from the downward API. */
  public static OperatorRuntime fromEnvironment(Map<String, String> env) {
    String pod = env.getOrDefault(POD_NAME, LOCAL);
    Optional<LeaderElectionConfiguration> election =
        Optional.ofNullable(env.get(LEASE_NAME))
            .filter(name -> !name.isBlank())
            .map(
                lease -> {
                  String namespace = env.get(POD_NAMESPACE);
                  if (namespace == null || namespace.isBlank() || !env.containsKey(POD_NAME)) {
                    throw new IllegalArgumentException(
                        LEASE_NAME
                            + " needs "
                            + POD_NAME
                            + " and "
                            + POD_NAMESPACE
                            + " (the downward API) to name this replica and the Lease's namespace");
                  }
                  return new LeaderElectionConfiguration(lease, namespace, pod);
                });
    return new OperatorRuntime(Registries.prometheus(), election, pod);
  }
}
