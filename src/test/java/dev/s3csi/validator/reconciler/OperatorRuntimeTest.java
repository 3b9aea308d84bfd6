package dev.s3csi.validator.reconciler;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OperatorRuntimeTest {

  @Test
  void aSingleReplicaHasNoLeaderElectionAndReportsEventsAsItsPod() {
    OperatorRuntime runtime =
        OperatorRuntime.fromEnvironment(
            Map.of("POD_NAME", "pval-7d9f-abcde", "POD_NAMESPACE", "ops"));

    assertThat(runtime.leaderElection()).isEmpty();
    assertThat(runtime.instance()).isEqualTo("pval-7d9f-abcde");
  }

  @Test
  void aLeaseNameTurnsOnLeaderElectionAsThePodInItsNamespace() {
    OperatorRuntime runtime =
        OperatorRuntime.fromEnvironment(
            Map.of(
                OperatorRuntime.LEASE_NAME,
                "pval-leader",
                "POD_NAME",
                "pval-7d9f-abcde",
                "POD_NAMESPACE",
                "ops"));

    assertThat(runtime.leaderElection())
        .hasValueSatisfying(
            election -> {
              assertThat(election.getLeaseName()).isEqualTo("pval-leader");
              assertThat(election.getLeaseNamespace()).hasValue("ops");
              assertThat(election.getIdentity()).hasValue("pval-7d9f-abcde");
            });
  }

  @Test
  void aLeaseWithoutTheDownwardApiIsAConfigurationError() {
    assertThatThrownBy(
            () ->
                OperatorRuntime.fromEnvironment(
                    Map.of(OperatorRuntime.LEASE_NAME, "pval-leader", "POD_NAME", "p")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("LEADER_ELECTION_LEASE_NAME needs POD_NAME and POD_NAMESPACE");
    assertThat(OperatorRuntime.fromEnvironment(Map.of()).instance()).isEqualTo("local");
  }
}
