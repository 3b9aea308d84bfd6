package dev.s3csi.validator.harness;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.s3csi.validator.api.ProvisioningValidation;
import dev.s3csi.validator.api.ScenarioStatus;
import dev.s3csi.validator.api.StepStatus;
import dev.s3csi.validator.api.ValidationStatus;
import dev.s3csi.validator.sandbox.RequestBodies;
import dev.s3csi.validator.sandbox.SimulatedDriver;
import dev.s3csi.validator.spec.DurationText;

import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.mockwebserver.http.RecordedRequest;

/**
 * Carries out a {@link Chaos.Plan} on one run, keyed to the run's progress as its status shows it:
 * restarts after randomly chosen numbers of finished steps (and a random delay, so some land in the
 * middle of a step), the S3 outage as a volume has been verified, the deletion after a random
 * number of finished steps. Actions run one after the other, off the watch thread.
 */
public final class ChaosRun implements AutoCloseable {
  static final int MIN_RESTARTS = 3;
  private static final Logger LOG = LoggerFactory.getLogger(ChaosRun.class);
  private static final int MAX_KILL_DELAY_MILLIS = 150;

  /** The step after which S3 goes down: the step that follows it asks S3 at once. */
  static final String OUTAGE_AFTER = "verifyVolume";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Sandbox sandbox;
  private final OperatorProcess operator;
  private final Chaos.Plan plan;
  private final Random random;
  private final ExecutorService actions =
      Executors.newSingleThreadExecutor(r -> SimulatedDriver.daemon(r, "sandbox-chaos"));
  private SharedIndexInformer<ProvisioningValidation> informer;
  private TreeSet<Integer> restartAfter;
  private int deleteAfter;
  private volatile boolean outageStarted;
  private volatile boolean deleted;
  private volatile int deletedAfterSteps;
  private volatile ProvisioningValidation lastSeen;

  /** What the chaos did, for the demo's output and the tests. */
  public record Summary(
      int operatorRestarts,
      int apiErrorsInjected,
      int operatorWrites,
      String s3Outage,
      boolean deletedMidRun,
      int deletedAfterSteps) {}

  public ChaosRun(Sandbox sandbox, OperatorProcess operator, Chaos.Plan plan, long seed) {
    this.sandbox = sandbox;
    this.operator = operator;
    this.plan = plan;
    this.random = new Random(seed);
  }

  /** Starts the chaos on a run that has just been created. */
  public void watch(ProvisioningValidation run) {
    if (plan.has(Chaos.API_ERRORS)) {
      sandbox.chaos().failWrites(true);
    }
    if (plan.has(Chaos.S3_OUTAGE)) {
      sandbox
          .chaos()
          .beforeWrite(request -> concludes(request, run, OUTAGE_AFTER), this::startOutage);
    }
    informer =
        sandbox
            .client()
            .resources(ProvisioningValidation.class)
            .inNamespace(run.getMetadata().getNamespace())
            .withName(run.getMetadata().getName())
            .inform(EveryVersion.to(this::progress));
  }

  /** The run as last seen, e.g. just before its deletion. */
  public ProvisioningValidation lastSeen() {
    return lastSeen;
  }

  private synchronized void progress(ProvisioningValidation run) {
    lastSeen = run;
    ValidationStatus status = run.getStatus();
    int total =
        status == null
            ? 0
            : status.getScenarios().stream().mapToInt(s -> s.getSteps().size()).sum();
    if (total == 0) {
      return;
    }
    int finished = finishedSteps(status);
    if (restartAfter == null) {
      plan(total);
    }
    if (plan.has(Chaos.OPERATOR_RESTART)) {
      while (!restartAfter.isEmpty() && finished >= restartAfter.first()) {
        restartAfter.pollFirst();
        int delay = random.nextInt(MAX_KILL_DELAY_MILLIS);
        actions.submit(
            () -> {
              pause(Duration.ofMillis(delay));
              LOG.info("chaos: restarting the operator");
              operator.restart();
            });
      }
    }
    if (plan.has(Chaos.DELETE_MID_RUN) && !deleted && finished >= deleteAfter) {
      deleted = true;
      deletedAfterSteps = finished;
      actions.submit(
          () -> {
            LOG.info("chaos: deleting the run");
            sandbox.client().resource(run).delete();
          });
    }
  }

  /** Picks the random points: restarts spread over the run, the deletion in its first half. */
  private void plan(int total) {
    restartAfter = new TreeSet<>();
    int restarts = MIN_RESTARTS + random.nextInt(2);
    while (restartAfter.size() < Math.min(restarts, total - 2)) {
      restartAfter.add(1 + random.nextInt(total - 2));
    }
    deleteAfter = 2 + random.nextInt(Math.max(1, total / 2 - 2));
  }

  static int finishedSteps(ValidationStatus status) {
    return (int)
        status.getScenarios().stream()
            .map(ScenarioStatus::getSteps)
            .flatMap(List::stream)
            .map(StepStatus::getOutcome)
            .filter(o -> o != null && o.isFinished())
            .count();
  }

  /**
   * S3 goes down while the operator waits for its write of a verified volume: the next step,
   * bucketExists, asks S3 then, for certain, while other scenarios are still being provisioned,
   * probed or checked.
   */
  private void startOutage() {
    outageStarted = true;
    LOG.info("chaos: S3 down for {}", DurationText.format(plan.s3Outage()));
    sandbox.stopS3();
    actions.submit(
        () -> {
          pause(plan.s3Outage());
          sandbox.startS3();
          LOG.info("chaos: S3 is back");
        });
  }

  /**
   * Whether the request is the operator's write of the run's status in which a scenario's step
   * {@code step} has passed.
   */
  private static boolean concludes(
      RecordedRequest request, ProvisioningValidation run, String step) {
    if (!"PUT".equals(request.getMethod())
        || !request
            .getPath()
            .contains("/provisioningvalidations/" + run.getMetadata().getName() + "/status")) {
      return false;
    }
    try {
      JsonNode steps = JSON.readTree(RequestBodies.of(request)).path("status").path("scenarios");
      for (JsonNode scenario : steps) {
        for (JsonNode s : scenario.path("steps")) {
          if (step.equals(s.path("name").asText()) && "Passed".equals(s.path("outcome").asText())) {
            return true;
          }
        }
      }
      return false;
    } catch (JsonProcessingException e) {
      return false;
    }
  }

  private static void pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Waits for the actions under way (S3 coming back, say) and stops injecting API errors. */
  public Summary finish() {
    actions.shutdown();
    try {
      actions.awaitTermination(5, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    sandbox.chaos().failWrites(false);
    sandbox.chaos().beforeWrite(request -> false, null);
    return summary();
  }

  public Summary summary() {
    return new Summary(
        operator.restarts(),
        sandbox.chaos().injectedErrors(),
        sandbox.chaos().operatorWrites(),
        outageStarted ? DurationText.format(plan.s3Outage()) : null,
        deleted,
        deletedAfterSteps);
  }

  @Override
  public void close() {
    if (informer != null) {
      informer.close();
    }
    actions.shutdownNow();
  }
}
