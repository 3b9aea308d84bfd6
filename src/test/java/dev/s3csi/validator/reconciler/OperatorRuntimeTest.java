package dev.s3csi.validator.reconciler;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;

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

  @Test
  void withLeaderElectionTheStartupSweepRunsWhenThisReplicaLeadsNotBefore() {
    LeaderElectionConfiguration configured =
        OperatorRuntime.fromEnvironment(
                Map.of(
                    OperatorRuntime.LEASE_NAME,
                    "pval-leader",
                    "POD_NAME",
                    "pval-7d9f-abcde",
                    "POD_NAMESPACE",
                    "ops"))
            .leaderElection()
            .orElseThrow();
    AtomicInteger sweeps = new AtomicInteger();

    LeaderElectionConfiguration election =
        ValidatorOperator.sweepingWhenLeading(configured, sweeps::incrementAndGet);

    assertThat(sweeps).as("not while standing by").hasValue(0);
    assertThat(election.getLeaseName()).isEqualTo("pval-leader");
    assertThat(election.getLeaseNamespace()).hasValue("ops");
    assertThat(election.getIdentity()).hasValue("pval-7d9f-abcde");
    assertThat(election.getLeaseDuration()).isEqualTo(configured.getLeaseDuration());
    assertThat(election.isExitOnStopLeading()).isEqualTo(configured.isExitOnStopLeading());
    election.getLeaderCallbacks().orElseThrow().onNewLeader("another-replica");
    assertThat(sweeps).as("another replica leads").hasValue(0);
    election.getLeaderCallbacks().orElseThrow().onStartLeading();
    assertThat(sweeps).as("this replica leads").hasValue(1);
  }
}
