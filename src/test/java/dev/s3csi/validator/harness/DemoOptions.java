package dev.s3csi.validator.harness;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import dev.s3csi.validator.api.ScenarioName;
import dev.s3csi.validator.cli.Flags;
import dev.s3csi.validator.sandbox.DriverProfile;
import dev.s3csi.validator.sandbox.Fault;
import dev.s3csi.validator.sandbox.S3Accounts;
import dev.s3csi.validator.sandbox.SandboxOptions;

/**
 * The demo's command line.
 *
 * @param help whether {@code --help} was asked for: print {@link #USAGE}, run nothing
 * @param cluster the world the run goes to
 * @param scenarios scenarios of the default run; empty for all
 * @param file a CR to run instead of the default one
 * @param chaos what happens to the operator's world during the run
 * @param metricsOut where to write the operator's Prometheus exposition at the end, or null
 */
record DemoOptions(
    boolean help,
    ClusterKind cluster,
    List<ScenarioName> scenarios,
    DriverProfile profile,
    Set<Fault> faults,
    Chaos.Plan chaos,
    Path file,
    String accessKey,
    String secretKey,
    S3Accounts accounts,
    Output output,
    Path metricsOut) {

  /** Which world the demo runs in. */
  enum ClusterKind {
    /** Everything simulated in this JVM: seconds. */
    SANDBOX,
    /**
     * A real control plane with the real external-provisioner and Scality driver controller, built
     * from Go modules.
     */
    REAL
  }

  enum Output {
    /**
     * A summary that fits a terminal: one line per scenario; the failing step and evidence of a
     * failed one.
     */
    TABLE,
    /** Every step of every scenario. */
    WIDE,
    JSON,
    YAML
  }

  static final String CLUSTER = "--cluster";
  static final String SCENARIOS = "--scenarios";
  static final String PROFILE = "--profile";
  static final String FAULT = "--fault";
  static final String CHAOS = "--chaos";
  static final String FILE = "--file";
  static final String S3_CREDENTIALS = "--s3-credentials";
  static final String S3_ACCOUNTS = "--s3-accounts";
  static final String OUTPUT = "--output";
  static final String METRICS_OUT = "--metrics-out";
  private static final Set<String> SINGLE =
      Set.of(CLUSTER, PROFILE, FILE, S3_CREDENTIALS, S3_ACCOUNTS, OUTPUT, METRICS_OUT);
  private static final Set<String> LISTS = Set.of(SCENARIOS, FAULT, CHAOS);
  private static final String INDENT = " ".repeat(29);

  static final String USAGE =
      String.join(
          "\n",
          "usage: mvn -Pdemo -Ddemo.args=\"[options]\"",
          "Runs one validation on an in-JVM cluster with a simulated S3 CSI driver; exit 0 when it passed, 1 when",
          "not, 2 for bad arguments. Lists take commas or spaces (--fault a,b or --fault a b); a list option may",
          "be repeated and its values add up; any other option may be given once.",
          "  --cluster sandbox|real     where to run: the in-JVM sandbox (default), or a real control plane with the",
          "                             real external-provisioner and Scality driver 2.2.0 (built with Go on first use)",
          "  --scenarios a,b            scenarios to run (default: all):",
          indented(names(ScenarioName.values(), ScenarioName::wireName)),
          "  --profile reference|scality  the simulated driver: reference (default) honours the full contract the",
          "                             driver's e2e suite assumes; scality behaves as Scality driver 2.2",
          "  --fault a,b                faults to inject (see the README for what each breaks):",
          indented(names(Fault.values(), Fault::cliName)),
          "  --chaos a,b                disturb the run (s3-outage=20s sets the outage's length; default 2s):",
          indented(names(Chaos.values(), Chaos::cliName)),
          "  --file cr.yaml             run this ProvisioningValidation; the demo first creates its namespace and",
          "                             the Secrets it names, and fills spec.s3 when absent",
          "  --s3-credentials KEY:SECRET  the keys of the driver's S3 account",
          "  --s3-accounts shared|separate  the run's Secret holds the driver's account (shared, default) or",
          "                             an account of its own that sees none of the driver's buckets (sandbox only)",
          "  --output table|wide|json|yaml  table: one line per scenario (default); wide: every step",
          "  --metrics-out FILE         write the operator's metrics (Prometheus text) there at the end",
          "  --help                     this text");

  static DemoOptions parse(List<String> args) {
    Flags flags = Flags.parse(args, SINGLE, LISTS, Map.of());
    String credentials =
        flags
            .get(S3_CREDENTIALS)
            .orElse(SandboxOptions.DEFAULT_ACCESS_KEY + ":" + SandboxOptions.DEFAULT_SECRET_KEY);
    int colon = credentials.indexOf(':');
    if (colon <= 0 || colon == credentials.length() - 1) {
      throw new IllegalArgumentException(S3_CREDENTIALS + " takes KEY:SECRET");
    }
    List<String> faults = flags.list(FAULT);
    return new DemoOptions(
        flags.help(),
        flags.get(CLUSTER).map(DemoOptions::cluster).orElse(ClusterKind.SANDBOX),
        flags.list(SCENARIOS).stream().map(DemoOptions::scenario).distinct().toList(),
        flags.get(PROFILE).map(DriverProfile::byCliName).orElse(DriverProfile.REFERENCE),
        faults.isEmpty() ? EnumSet.noneOf(Fault.class) : Fault.parse(String.join(",", faults)),
        flags.list(CHAOS).isEmpty()
            ? Chaos.Plan.NONE
            : Chaos.parse(String.join(",", flags.list(CHAOS))),
        flags.get(FILE).map(Path::of).orElse(null),
        credentials.substring(0, colon),
        credentials.substring(colon + 1),
        flags.get(S3_ACCOUNTS).map(S3Accounts::byCliName).orElse(S3Accounts.SHARED),
        flags.get(OUTPUT).map(DemoOptions::output).orElse(Output.TABLE),
        flags.get(METRICS_OUT).map(Path::of).orElse(null));
  }

  private static ScenarioName scenario(String name) {
    return Arrays.stream(ScenarioName.values())
        .filter(s -> s.wireName().equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown scenario '"
                        + name
                        + "'; known: "
                        + names(ScenarioName.values(), ScenarioName::wireName)));
  }

  private static ClusterKind cluster(String value) {
    return Arrays.stream(ClusterKind.values())
        .filter(c -> c.name().equalsIgnoreCase(value))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    CLUSTER + " takes sandbox or real, not '" + value + "'"));
  }

  private static Output output(String value) {
    return Arrays.stream(Output.values())
        .filter(o -> o.name().equalsIgnoreCase(value))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    OUTPUT + " takes table, wide, json or yaml, not '" + value + "'"));
  }

  /** Wraps a list of names under an option's description, within 100 columns. */
  private static String indented(String names) {
    StringBuilder out = new StringBuilder();
    StringBuilder line = new StringBuilder(INDENT);
    for (String name : names.split(" ")) {
      if (line.length() + name.length() > 100) {
        out.append(line.toString().stripTrailing()).append('\n');
        line = new StringBuilder(INDENT);
      }
      line.append(name).append(' ');
    }
    return out.append(line.toString().stripTrailing()).toString();
  }

  private static <T> String names(T[] values, java.util.function.Function<T, String> name) {
    return Arrays.stream(values).map(name).collect(Collectors.joining(", "));
  }
}
