package dev.s3csi.validator.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.s3csi.validator.probe.LocalProbeVolume;
import dev.s3csi.validator.probe.Probe;
import dev.s3csi.validator.probe.ProbeInvocation;
import dev.s3csi.validator.probe.ProbeResult;

/** What a probe pod runs: executes its plan on the mounted volume and reports in its termination message. */
final class ProbeCommand {
  private ProbeCommand() {}

  static int run(List<String> args) {
    ProbeInvocation invocation;
    try {
      invocation = ProbeInvocation.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      return Main.USAGE;
    }
    ProbeResult result = Probe.run(invocation.plan(), new LocalProbeVolume(Path.of(invocation.mountPath())));
    String json = ProbeInvocation.toJson(result);
    System.out.println(json);
    try {
      Files.writeString(Path.of(invocation.resultFile()), json, StandardCharsets.UTF_8);
    } catch (IOException e) {
      System.err.println("cannot write the result to " + invocation.resultFile() + ": " + e.getMessage());
      return 1;
    }
    return result.ok() ? 0 : 1;
  }
}
