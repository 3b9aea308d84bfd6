package dev.s3csi.validator.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.s3csi.validator.spec.DurationText;

/** {@code --name value} options of a subcommand; anything unknown or incomplete is a usage error. */
final class Flags {
  private final Map<String, String> values;

  private Flags(Map<String, String> values) {
    this.values = values;
  }

  /**
   * @param known the accepted flags, with their leading dashes
   * @param aliases short forms, e.g. {@code -f} for {@code --file}
   */
  static Flags parse(List<String> args, Set<String> known, Map<String, String> aliases) {
    Map<String, String> values = new HashMap<>();
    for (int i = 0; i < args.size(); i++) {
      String flag = aliases.getOrDefault(args.get(i), args.get(i));
      if (!known.contains(flag)) {
        throw new IllegalArgumentException("unknown option " + args.get(i));
      }
      if (i + 1 >= args.size()) {
        throw new IllegalArgumentException("missing value after " + args.get(i));
      }
      if (values.put(flag, args.get(++i)) != null) {
        throw new IllegalArgumentException(flag + " given twice");
      }
    }
    return new Flags(values);
  }

  /** Reports bad input the way every subcommand does: the problem, then the usage; exit code 2. */
  static int usageError(PrintStream err, IllegalArgumentException problem, String usage) {
    err.println(problem.getMessage());
    err.println(usage);
    return Main.USAGE;
  }

  Optional<String> get(String flag) {
    return Optional.ofNullable(values.get(flag));
  }

  String required(String flag) {
    return get(flag).orElseThrow(() -> new IllegalArgumentException(flag + " is required"));
  }

  int count(String flag, int fallback) {
    try {
      int value = get(flag).map(Integer::parseInt).orElse(fallback);
      if (value < 0) {
        throw new NumberFormatException();
      }
      return value;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(flag + " takes a count (0 or more), not '" + values.get(flag) + "'", e);
    }
  }

  Optional<Duration> duration(String flag) {
    try {
      return get(flag).map(DurationText::parse);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(flag + ": " + e.getMessage(), e);
    }
  }
}
