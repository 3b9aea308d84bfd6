package dev.s3csi.validator.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.s3csi.validator.api.ProvisioningValidation;
import dev.s3csi.validator.api.ScenarioStatus;
import dev.s3csi.validator.api.StepStatus;
import dev.s3csi.validator.api.ValidationStatus;

/** A run's result as a table: one row per scenario, then one per step, with durations and reasons. */
public final class ResultTable {
  private static final String[] HEADER = {"SCENARIO", "STEP", "OUTCOME", "DURATION", "REASON", "MESSAGE"};

  private ResultTable() {}

  public static String render(ProvisioningValidation run) {
    ValidationStatus status = run.getStatus() == null ? new ValidationStatus() : run.getStatus();
    StringBuilder out = new StringBuilder();
    out.append(run.getMetadata().getNamespace()).append('/').append(run.getMetadata().getName()).append(": ")
        .append(status.getPhase() == null ? "Pending" : status.getPhase())
        .append(status.getSummary() == null ? "" : ", " + status.getSummary());
    if (status.getStartTime() != null && status.getCompletionTime() != null) {
      out.append(" in ").append(format(Duration.between(Instant.parse(status.getStartTime()), Instant.parse(status.getCompletionTime()))));
    }
    out.append('\n');
    if (status.getScenarios().isEmpty()) {
      status.getConditions().stream().filter(c -> "False".equals(c.getStatus())).findFirst()
          .ifPresent(c -> out.append(c.getReason()).append(": ").append(c.getMessage()).append('\n'));
      return out.toString();
    }
    List<String[]> rows = new ArrayList<>();
    rows.add(HEADER);
    for (ScenarioStatus scenario : status.getScenarios()) {
      rows.add(new String[] {scenario.getName().wireName(), "", String.valueOf(scenario.getOutcome()),
          format(span(scenario.getSteps())), text(scenario.getReason()), text(scenario.getMessage())});
      for (StepStatus step : scenario.getSteps()) {
        rows.add(new String[] {"", step.getName(), String.valueOf(step.getOutcome()),
            step.getDurationMillis() == null ? "" : format(Duration.ofMillis(step.getDurationMillis())), "",
            text(step.getMessage())});
      }
      scenario.getNotes().forEach(n -> rows.add(new String[] {"", "note", "", "", text(n.getReason()), n.getMessage()}));
      scenario.getEvidence().forEach(e -> rows.add(new String[] {"", "evidence", "", "", "", e}));
    }
    out.append(align(rows));
    if (!status.getLeakedBuckets().isEmpty()) {
      out.append("leaked buckets (driver-named, match no PV; reported, not deleted): ")
          .append(String.join(", ", status.getLeakedBuckets())).append('\n');
    }
    return out.toString();
  }

  /** From the first step's start to the last step's end. */
  private static Duration span(List<StepStatus> steps) {
    Instant first = null;
    Instant last = null;
    for (StepStatus step : steps) {
      if (step.getStartTime() == null) {
        continue;
      }
      Instant start = Instant.parse(step.getStartTime());
      Instant end = start.plusMillis(Objects.requireNonNullElse(step.getDurationMillis(), 0L));
      first = first == null || start.isBefore(first) ? start : first;
      last = last == null || end.isAfter(last) ? end : last;
    }
    return first == null ? null : Duration.between(first, last);
  }

  private static String align(List<String[]> rows) {
    int[] widths = new int[HEADER.length - 1];
    for (String[] row : rows) {
      for (int i = 0; i < widths.length; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.length; i++) {
        line.append(i < widths.length ? String.format("%-" + widths[i] + "s  ", row[i]) : row[i]);
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
    return out.toString();
  }

  static String format(Duration duration) {
    if (duration == null) {
      return "";
    }
    long millis = duration.toMillis();
    return millis < 1000 ? millis + "ms" : String.format("%.1fs", millis / 1000.0);
  }

  private static String text(Object value) {
    return value == null ? "" : value.toString();
  }
}
