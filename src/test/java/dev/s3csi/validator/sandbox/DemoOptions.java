package dev.s3csi.validator.sandbox;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import dev.s3csi.validator.api.ScenarioName;

/**
 * The demo's command line.
 *
 * @param scenarios scenarios of the default run; empty for all
 * @param file a CR to run instead of the default one
 * @param chaos what happens to the operator's world during the run
 * @param metricsOut where to write the operator's Prometheus exposition at the end, or null
 */
record DemoOptions(List<ScenarioName> scenarios, DriverProfile profile, Set<Fault> faults, Chaos.Plan chaos, Path file,
    String accessKey, String secretKey, Output output, Path metricsOut) {

  enum Output {
    TABLE,
    JSON,
    YAML
  }

  static final String USAGE = String.join("\n",
      "usage: mvn -Pdemo -Ddemo.args=\"[options]\"",
      "  --scenarios a,b            scenarios to run (default: all): "
          + Arrays.stream(ScenarioName.values()).map(ScenarioName::wireName).collect(Collectors.joining(", ")),
      "  --profile seed|scality     the simulated driver: the seed's contract (default) or Scality driver 2.2",
      "  --fault name[,name]        faults to inject: "
          + Arrays.stream(Fault.values()).map(Fault::cliName).collect(Collectors.joining(", ")),
      "  --chaos name[,name]        disturb the run: "
          + Arrays.stream(Chaos.values()).map(Chaos::cliName).collect(Collectors.joining(", "))
          + " (s3-outage=20s sets the outage's length; default 2s)",
      "  --file cr.yaml             run this ProvisioningValidation (spec.s3 is filled when absent)",
      "  --s3-credentials KEY:SECRET  the sandbox S3's credentials",
      "  --output table|json|yaml   result format (default: table)",
      "  --metrics-out FILE         write the operator's metrics (Prometheus text) there at the end");

  static DemoOptions parse(List<String> args) {
    List<ScenarioName> scenarios = List.of();
    DriverProfile profile = DriverProfile.REFERENCE;
    Set<Fault> faults = Set.of();
    Chaos.Plan chaos = Chaos.Plan.NONE;
    Path file = null;
    String accessKey = SandboxOptions.DEFAULT_ACCESS_KEY;
    String secretKey = SandboxOptions.DEFAULT_SECRET_KEY;
    Output output = Output.TABLE;
    Path metricsOut = null;
    for (int i = 0; i < args.size(); i++) {
      String flag = args.get(i);
      if (i + 1 >= args.size()) {
        throw new IllegalArgumentException("missing value after " + flag);
      }
      String value = args.get(++i);
      switch (flag) {
        case "--scenarios" -> scenarios = Arrays.stream(value.split(",")).map(String::strip).map(DemoOptions::scenario).toList();
        case "--profile" -> profile = DriverProfile.byCliName(value);
        case "--fault" -> faults = Fault.parse(value);
        case "--chaos" -> chaos = Chaos.parse(value);
        case "--file" -> file = Path.of(value);
        case "--s3-credentials" -> {
          int colon = value.indexOf(':');
          if (colon <= 0 || colon == value.length() - 1) {
            throw new IllegalArgumentException("--s3-credentials takes KEY:SECRET");
          }
          accessKey = value.substring(0, colon);
          secretKey = value.substring(colon + 1);
        }
        case "--output" -> output = output(value);
        case "--metrics-out" -> metricsOut = Path.of(value);
        default -> throw new IllegalArgumentException("unknown option " + flag);
      }
    }
    return new DemoOptions(scenarios, profile, faults, chaos, file, accessKey, secretKey, output, metricsOut);
  }

  private static ScenarioName scenario(String name) {
    return Arrays.stream(ScenarioName.values()).filter(s -> s.wireName().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown scenario '" + name + "'"));
  }

  private static Output output(String value) {
    return Arrays.stream(Output.values()).filter(o -> o.name().equalsIgnoreCase(value)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("--output takes table, json or yaml"));
  }
}
