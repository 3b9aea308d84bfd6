package dev.s3csi.validator.scenario.steps;

import java.util.List;

/** Appends names to the lists in a scenario's resources without duplicates. */
final class UniqueNames {
  private UniqueNames() {}

  static void add(List<String> names, String name) {
    if (name != null && !name.isEmpty() && !names.contains(name)) {
      names.add(name);
    }
  }
}
