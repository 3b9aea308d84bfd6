package dev.s3csi.validator.probe;

import java.nio.charset.StandardCharsets;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The probe's command line, built by the operator for the probe pod and parsed by the probe: one
 * definition of the contract between the two.
 */
public record ProbeInvocation(String mountPath, ProbePlan plan, String resultFile) {
  public static final String SUBCOMMAND = "probe";
  public static final String DEFAULT_RESULT_FILE = "/dev/termination-log";
  private static final ObjectMapper JSON = new ObjectMapper();

  public List<String> toArgs() {
    return List.of(
        SUBCOMMAND, "--mount", mountPath, "--plan", toJson(plan), "--result-file", resultFile);
  }

  /** Parses the arguments that follow the subcommand. */
  public static ProbeInvocation parse(List<String> args) {
    String mount = null;
    String plan = null;
    String resultFile = DEFAULT_RESULT_FILE;
    for (int i = 0; i < args.size(); i++) {
      String flag = args.get(i);
      if (i + 1 >= args.size()) {
        throw new IllegalArgumentException("missing value after " + flag);
      }
      String value = args.get(++i);
      switch (flag) {
        case "--mount" -> mount = value;
        case "--plan" -> plan = value;
        case "--result-file" -> resultFile = value;
        default -> throw new IllegalArgumentException("unknown probe option " + flag);
      }
    }
    if (mount == null || plan == null) {
      throw new IllegalArgumentException(
          "usage: probe --mount DIR --plan JSON [--result-file FILE]");
    }
    try {
      return new ProbeInvocation(mount, JSON.readValue(plan, ProbePlan.class), resultFile);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "--plan is not a probe plan: " + e.getOriginalMessage(), e);
    }
  }

  public static String toJson(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("probe types always serialize", e);
    }
  }

  /**
   * The result as JSON of at most {@code maxBytes} UTF-8 bytes: the kubelet keeps only the last
   * 4096 bytes of a termination message, and a cut JSON document says nothing. Errors are shortened
   * until it fits (they can be long, and escaping can grow them sixfold); what the validator
   * compares, the sizes and digests, is never cut.
   *
   * @throws IllegalStateException if even errors cut to their type do not fit
   */
  public static String toBoundedJson(ProbeResult result, int maxBytes) {
    String json = toJson(result);
    int errorLength = Probe.MAX_ERROR_LENGTH;
    while (json.getBytes(StandardCharsets.UTF_8).length > maxBytes) {
      if (errorLength == 0) {
        throw new IllegalStateException(
            "the probe's result does not fit " + maxBytes + " bytes even without error texts");
      }
      errorLength /= 2;
      json = toJson(result.withErrorsCutTo(errorLength));
    }
    return json;
  }

  public static ProbeResult parseResult(String json) throws JsonProcessingException {
    return JSON.readValue(json, ProbeResult.class);
  }
}
