package dev.s3csi.validator.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.s3csi.validator.api.Outcome;
import dev.s3csi.validator.api.ProvisioningValidation;
import dev.s3csi.validator.api.ScenarioStatus;
import dev.s3csi.validator.api.StepStatus;
import dev.s3csi.validator.api.ValidationStatus;

/**
 * A run's result as text. The summary fits a terminal: one line per scenario, and for a scenario
 * that did not pass, its failing steps and evidence, each line cut at {@link #WIDTH} columns. The
 * wide table has every step and every message in full.
 */
public final class ResultTable {
  /** The summary's widest line. */
  public static final int WIDTH = 120;

  /** Evidence lines of one scenario in the summary; the rest are counted. */
  static final int EVIDENCE_LINES = 4;

  private static final Pattern UUID =
      Pattern.compile("\\b([0-9a-f]{8})-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\b");
  private static final String[] HEADER = {
    "SCENARIO", "STEP", "OUTCOME", "DURATION", "REASON", "MESSAGE"
  };
  private static final String[] SUMMARY_HEADER = {
    "SCENARIO", "OUTCOME", "DURATION", "REASON", "MESSAGE"
  };

  /** How much of the result to print. */
  public enum Style {
    /** One line per scenario; the failing steps and evidence of the others. */
    SUMMARY,
    /** Every step of every scenario, messages in full. */
    WIDE;

    /** As {@code --output} names it: {@code table} (the default) or {@code wide}. */
    static Style of(Optional<String> output) {
      return switch (output.orElse("table")) {
        case "table" -> SUMMARY;
        case "wide" -> WIDE;
        default ->
            throw new IllegalArgumentException(
                "--output takes table or wide, not '" + output.get() + "'");
      };
    }
  }

  private ResultTable() {}

  public static String render(ProvisioningValidation run) {
    return render(run, Style.SUMMARY);
  }

  public static String render(ProvisioningValidation run, Style style) {
    ValidationStatus status = run.getStatus() == null ? new ValidationStatus() : run.getStatus();
    StringBuilder out = new StringBuilder(headline(run, status)).append('\n');
    if (status.getScenarios().isEmpty()) {
      status.getConditions().stream()
          .filter(c -> "False".equals(c.getStatus()))
          .findFirst()
          .ifPresent(
              c -> out.append(c.getReason()).append(": ").append(c.getMessage()).append('\n'));
      return style == Style.SUMMARY ? fit(out.toString()) : out.toString();
    }
    out.append(style == Style.SUMMARY ? align(summaryRows(status)) : align(wideRows(status)));
    if (!status.getLeakedBuckets().isEmpty()) {
      out.append("leaked buckets (driver-named, match no PV; reported, not deleted): ")
          .append(String.join(", ", status.getLeakedBuckets()))
          .append('\n');
    }
    return style == Style.SUMMARY ? fit(out.toString()) : out.toString();
  }

  private static String headline(ProvisioningValidation run, ValidationStatus status) {
    StringBuilder line =
        new StringBuilder(run.getMetadata().getNamespace())
            .append('/')
            .append(run.getMetadata().getName())
            .append(": ")
            .append(status.getPhase() == null ? "Pending" : status.getPhase())
            .append(status.getSummary() == null ? "" : ", " + status.getSummary());
    if (status.getStartTime() != null && status.getCompletionTime() != null) {
      line.append(" in ")
          .append(
              format(
                  Duration.between(
                      Instant.parse(status.getStartTime()),
                      Instant.parse(status.getCompletionTime()))));
    }
    return line.toString();
  }

  private static List<String[]> summaryRows(ValidationStatus status) {
    List<String[]> rows = new ArrayList<>();
    rows.add(SUMMARY_HEADER);
    for (ScenarioStatus scenario : status.getScenarios()) {
      rows.add(
          new String[] {
            scenario.getName().wireName(),
            text(scenario.getOutcome()),
            format(span(scenario.getSteps())),
            text(scenario.getReason()),
            firstLine(scenario.getMessage())
          });
      scenario
          .getNotes()
          .forEach(
              n ->
                  rows.add(
                      new String[] {
                        "  note", "", "", text(n.getReason()), firstLine(n.getMessage())
                      }));
      if (scenario.getOutcome() == Outcome.Passed) {
        continue;
      }
      scenario.getSteps().stream()
          .filter(s -> s.getOutcome() == Outcome.Failed || s.getOutcome() == Outcome.Running)
          .forEach(
              s ->
                  rows.add(
                      new String[] {
                        "  step " + s.getName(),
                        text(s.getOutcome()),
                        duration(s),
                        "",
                        firstLine(s.getMessage())
                      }));
      List<String> evidence = scenario.getEvidence();
      evidence.stream()
          .limit(EVIDENCE_LINES)
          .forEach(e -> rows.add(new String[] {"  evidence", "", "", "", firstLine(e)}));
      if (evidence.size() > EVIDENCE_LINES) {
        rows.add(
            new String[] {
              "  evidence",
              "",
              "",
              "",
              "… " + (evidence.size() - EVIDENCE_LINES) + " more: --output wide"
            });
      }
    }
    return rows;
  }

  private static List<String[]> wideRows(ValidationStatus status) {
    List<String[]> rows = new ArrayList<>();
    rows.add(HEADER);
    for (ScenarioStatus scenario : status.getScenarios()) {
      rows.add(
          new String[] {
            scenario.getName().wireName(),
            "",
            text(scenario.getOutcome()),
            format(span(scenario.getSteps())),
            text(scenario.getReason()),
            text(scenario.getMessage())
          });
      for (StepStatus step : scenario.getSteps()) {
        rows.add(
            new String[] {
              "",
              step.getName(),
              text(step.getOutcome()),
              duration(step),
              "",
              text(step.getMessage())
            });
      }
      scenario
          .getNotes()
          .forEach(
              n ->
                  rows.add(new String[] {"", "note", "", "", text(n.getReason()), n.getMessage()}));
      scenario.getEvidence().forEach(e -> rows.add(new String[] {"", "evidence", "", "", "", e}));
    }
    return rows;
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

  /** Columns padded to their widest cell; the last column as it is. */
  private static String align(List<String[]> rows) {
    int columns = rows.get(0).length;
    int[] widths = new int[columns - 1];
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

  /** Cuts every line at {@link #WIDTH} columns, marking the cut. */
  static String fit(String text) {
    StringBuilder out = new StringBuilder();
    for (String line : text.split("\n", -1)) {
      out.append(line.length() <= WIDTH ? line : line.substring(0, WIDTH - 1) + "…").append('\n');
    }
    return out.substring(0, out.length() - 1);
  }

  /**
   * The first line of a message, its UUIDs cut to their first 8 digits: a summary names, the wide
   * table identifies.
   */
  private static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    int newline = message.indexOf('\n');
    String first = newline < 0 ? message : message.substring(0, newline) + " …";
    return UUID.matcher(first).replaceAll("$1…");
  }

  private static String duration(StepStatus step) {
    return step.getDurationMillis() == null
        ? ""
        : format(Duration.ofMillis(step.getDurationMillis()));
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
