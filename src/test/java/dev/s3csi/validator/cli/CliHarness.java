package dev.s3csi.validator.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Runs a subcommand in-process with captured output, as a user would see it in a terminal. */
final class CliHarness {
  private CliHarness() {}

  record Result(int exitCode, String stdout, String stderr) {}

  interface Command {
    int run(List<String> args, PrintStream out, PrintStream err);
  }

  static Result trigger(List<String> args) {
    return trigger(args, Map.of());
  }

  static Result trigger(List<String> args, Map<String, String> env) {
    return capture((a, out, err) -> TriggerCommand.run(a, env, out, err), args);
  }

  static Result run(List<String> args) {
    return run(args, Map.of());
  }

  /**
   * @param env the command's whole environment: KUBECONFIG, HOME…
   */
  static Result run(List<String> args, Map<String, String> env) {
    return capture((a, out, err) -> RunCommand.run(a, env, out, err), args);
  }

  static Result operator(List<String> args, Map<String, String> env) {
    return capture((a, out, err) -> OperatorCommand.run(a, env, out, err), args);
  }

  /** The top level: {@code java -jar … COMMAND args}. */
  static Result main(String command, List<String> args) {
    return capture((a, out, err) -> Main.run(command, a, Map.of(), out, err), args);
  }

  private static Result capture(Command command, List<String> args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit =
        command.run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Result(
        exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
