package dev.s3csi.validator.realworld;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What external-provisioner's log says it provisioned: for each PV, the CSI volumes CreateVolume
 * returned for it. external-provisioner may call CreateVolume twice for one PVC (its claim is
 * synced again before its informer has seen the PV it just created) and relies on the driver to
 * answer the second call with the same volume, as the CSI spec requires; Scality's driver makes a
 * new bucket instead, and the PV keeps the first. Every volume but a PV's first is a bucket the
 * driver leaked: ground truth for the validator's OrphanBuckets verdicts, read from outside it.
 */
final class ProvisionerLog {
  private static final Pattern CREATED =
      Pattern.compile("successfully created PV (\\S+) for PVC \\S+ and csi volume name (\\S+)");

  private ProvisionerLog() {}

  /**
   * The volumes each PV was provisioned with, in order, from the sidecar's log (its restarts append
   * to it).
   */
  static Map<String, List<String>> volumesByPv(Path logs) {
    Map<String, List<String>> volumes = new LinkedHashMap<>();
    try (Stream<String> lines =
        Files.lines(logs.resolve("csi-provisioner.log"), StandardCharsets.UTF_8)) {
      lines.forEach(
          line -> {
            Matcher created = CREATED.matcher(line);
            if (created.find()) {
              volumes
                  .computeIfAbsent(created.group(1), pv -> new ArrayList<>())
                  .add(created.group(2));
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the provisioner's log in " + logs, e);
    }
    return volumes;
  }

  /** The buckets of second and later CreateVolume calls for one PV: the driver's leaks. */
  static Set<String> leakedVolumes(Path logs) {
    Set<String> leaked = new TreeSet<>();
    volumesByPv(logs)
        .values()
        .forEach(volumes -> leaked.addAll(volumes.subList(1, volumes.size())));
    return leaked;
  }
}
