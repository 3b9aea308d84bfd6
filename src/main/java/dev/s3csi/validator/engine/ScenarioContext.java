package dev.s3csi.validator.engine;

import java.time.Instant;
import java.util.Map;

import dev.s3csi.validator.api.ProvisioningValidation;
import dev.s3csi.validator.api.Reason;
import dev.s3csi.validator.api.ScenarioNote;
import dev.s3csi.validator.api.ScenarioResources;
import dev.s3csi.validator.api.ScenarioStatus;
import dev.s3csi.validator.kube.ClusterView;
import dev.s3csi.validator.kube.ClusterWriter;
import dev.s3csi.validator.kube.RunLabels;
import dev.s3csi.validator.kube.ScenarioNames;
import dev.s3csi.validator.s3.S3Checks;
import dev.s3csi.validator.spec.EffectiveSpec;

/** Everything a step may read or act on during one reconciliation of its run. */
public final class ScenarioContext {
  private final ProvisioningValidation run;
  private final EffectiveSpec spec;
  private final ScenarioStatus status;
  private final ClusterView cluster;
  private final ClusterWriter writer;
  private final S3Checks s3;
  private final Instant now;

  public ScenarioContext(
      ProvisioningValidation run,
      EffectiveSpec spec,
      ScenarioStatus status,
      ClusterView cluster,
      ClusterWriter writer,
      S3Checks s3,
      Instant now) {
    this.run = run;
    this.spec = spec;
    this.status = status;
    this.cluster = cluster;
    this.writer = writer;
    this.s3 = s3;
    this.now = now;
  }

  public ProvisioningValidation run() {
    return run;
  }

  public String namespace() {
    return run.getMetadata().getNamespace();
  }

  public ScenarioStatus status() {
    return status;
  }

  public EffectiveSpec spec() {
    return spec;
  }

  public ScenarioNames names() {
    return ScenarioNames.of(run, status.getName());
  }

  public Map<String, String> labels() {
    return RunLabels.of(run, status.getName());
  }

  /** The run's name, whole, on every object it creates (a label may hold it bounded). */
  public Map<String, String> annotations() {
    return RunLabels.annotations(run);
  }

  /** What the scenario created so far; steps record names here as soon as they learn them. */
  public ScenarioResources resources() {
    return status.getResources();
  }

  /** When the scenario's step of that name started; now if it has not started yet. */
  public Instant stepStart(String stepName) {
    return status.getSteps().stream()
        .filter(s -> stepName.equals(s.getName()) && s.getStartTime() != null)
        .findFirst()
        .map(s -> Instant.parse(s.getStartTime()))
        .orElse(now);
  }

  public ClusterView cluster() {
    return cluster;
  }

  public ClusterWriter writer() {
    return writer;
  }

  public S3Checks s3() {
    return s3;
  }

  public Instant now() {
    return now;
  }

  public void addEvidence(String text) {
    Evidence.add(status.getEvidence(), text);
  }

  /** Records a finding that does not fail the scenario; the same note is kept once. */
  public void addNote(Reason reason, String message) {
    boolean known =
        status.getNotes().stream()
            .anyMatch(n -> n.getReason() == reason && message.equals(n.getMessage()));
    if (!known) {
      status.getNotes().add(new ScenarioNote(reason, message));
    }
  }
}
