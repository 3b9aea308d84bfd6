package dev.s3csi.validator.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.s3csi.validator.spec.DurationText;

/**
 * The options of a command line: {@code --name value} (or {@code --name=value}), where a single
 * option given twice is refused and a list option may be repeated, its values separated by commas
 * or spaces ({@code --fault a,b}, {@code --fault a b}, {@code --fault a --fault b} are the same).
 * {@code --help} or {@code -h} anywhere asks for the usage. Nothing given is ever silently dropped:
 * an unknown option, a missing value or a stray word is a usage error.
 */
public final class Flags {
  static final Set<String> HELP = Set.of("--help", "-h");

  private final Map<String, List<String>> values;
  private final boolean help;

  private Flags(Map<String, List<String>> values, boolean help) {
    this.values = values;
    this.help = help;
  }

  /**
   * @param single the options that take one value, with their leading dashes
   * @param lists the options that take a list and may be repeated
   * @param aliases short forms, e.g. {@code -f} for {@code --file}
   */
  public static Flags parse(
      List<String> args, Set<String> single, Set<String> lists, Map<String, String> aliases) {
    if (args.stream().anyMatch(HELP::contains)) {
      return new Flags(Map.of(), true);
    }
    Map<String, List<String>> values = new LinkedHashMap<>();
    String previous = null;
    int i = 0;
    while (i < args.size()) {
      String word = args.get(i++);
      int equals = word.indexOf('=');
      boolean inline = word.startsWith("--") && equals > 0;
      String given = inline ? word.substring(0, equals) : word;
      String flag = aliases.getOrDefault(given, given);
      boolean isList = lists.contains(flag);
      if (!isList && !single.contains(flag)) {
        throw new IllegalArgumentException(
            isOption(given)
                ? "unknown option " + given
                : previous == null
                    ? "unexpected '" + given + "': options come as --name value"
                    : "unexpected '" + given + "' after " + previous + ": it takes one value");
      }
      previous =
          given + " " + (inline ? word.substring(equals + 1) : i < args.size() ? args.get(i) : "");
      List<String> words = new ArrayList<>();
      if (inline) {
        words.add(word.substring(equals + 1));
      } else if (i < args.size() && !isOption(args.get(i))) {
        words.add(args.get(i++));
      }
      // A list also takes the words that follow it, as a shell splits "--scenarios a b".
      while (isList && i < args.size() && !isOption(args.get(i))) {
        words.add(args.get(i++));
      }
      if (words.isEmpty() || words.stream().allMatch(String::isBlank)) {
        throw new IllegalArgumentException("missing value after " + given);
      }
      if (!isList && values.containsKey(flag)) {
        throw new IllegalArgumentException(flag + " given twice: it takes one value");
      }
      List<String> items = values.computeIfAbsent(flag, f -> new ArrayList<>());
      if (isList) {
        words.forEach(
            w ->
                Arrays.stream(w.split(","))
                    .map(String::strip)
                    .filter(s -> !s.isEmpty())
                    .forEach(items::add));
      } else {
        items.addAll(words);
      }
    }
    return new Flags(values, false);
  }

  /** Single-valued options only, as most subcommands have. */
  static Flags parse(List<String> args, Set<String> single, Map<String, String> aliases) {
    return parse(args, single, Set.of(), aliases);
  }

  /**
   * A word that starts an option rather than being a value: {@code --x}, {@code -f}; not {@code -}
   * or {@code -1}.
   */
  private static boolean isOption(String word) {
    return word.startsWith("--") || word.matches("-[A-Za-z]");
  }

  /** Reports bad input the way every command does: the problem, then the usage; exit code 2. */
  public static int usageError(PrintStream err, IllegalArgumentException problem, String usage) {
    err.println(problem.getMessage());
    err.println(usage);
    return Main.USAGE;
  }

  /** Whether {@code --help} or {@code -h} was given: print the usage to stdout and exit 0. */
  public boolean help() {
    return help;
  }

  public Optional<String> get(String flag) {
    return Optional.ofNullable(values.get(flag)).map(v -> v.get(0));
  }

  /** Every value of a list option, in the order given; empty when absent. */
  public List<String> list(String flag) {
    return List.copyOf(values.getOrDefault(flag, List.of()));
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
      throw new IllegalArgumentException(
          flag + " takes a count (0 or more), not '" + get(flag).orElse("") + "'", e);
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
