package dev.s3csi.validator.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.s3csi.validator.probe.LocalProbeVolume;
import dev.s3csi.validator.probe.Probe;
import dev.s3csi.validator.probe.ProbeInvocation;
import dev.s3csi.validator.probe.ProbeResult;

/**
 * What a probe pod runs: executes its plan on the mounted volume and reports in its termination
 * message.
 */
final class ProbeCommand {
  static final String USAGE =
      String.join(
          "\n",
          "usage: provisioning-validator probe --mount DIR --plan JSON [--result-file FILE]",
          "The program of the probe pods the operator creates (not meant to be run by hand): writes, reads and",
          "deletes files on the mounted volume as the plan says, and reports what it found as JSON.",
          "  --mount DIR          where the volume is mounted",
          "  --plan JSON          the files to write (size, content seed), read (expected sha256) and delete",
          "  --result-file FILE   where the JSON result goes as well as stdout (default: "
              + ProbeInvocation.DEFAULT_RESULT_FILE
              + ")",
          "Exit 0 when every file operation went as planned, 1 when not, 2 for bad arguments.");

  private ProbeCommand() {}

  static int run(List<String> args, PrintStream out, PrintStream err) {
    if (args.stream().anyMatch(Flags.HELP::contains)) {
      out.println(USAGE);
      return 0;
    }
    ProbeInvocation invocation;
    try {
      invocation = ProbeInvocation.parse(args);
    } catch (IllegalArgumentException e) {
      return Flags.usageError(err, e, USAGE);
    }
    ProbeResult result =
        Probe.run(invocation.plan(), new LocalProbeVolume(Path.of(invocation.mountPath())));
    String json = ProbeInvocation.toBoundedJson(result, ProbeResult.TERMINATION_MESSAGE_LIMIT);
    out.println(json);
    try {
      Files.writeString(Path.of(invocation.resultFile()), json, StandardCharsets.UTF_8);
    } catch (IOException e) {
      err.println("cannot write the result to " + invocation.resultFile() + ": " + e.getMessage());
      return 1;
    }
    return result.ok() ? 0 : 1;
  }
}
