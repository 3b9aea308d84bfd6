package dev.s3csi.validator.kube;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.s3csi.validator.spec.EffectiveSpec;

import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;

/** The StorageClass a scenario provisions through. */
public final class StorageClassFactory {
  public static final String RECLAIM_DELETE = "Delete";
  public static final String RECLAIM_RETAIN = "Retain";
  public static final String BIND_IMMEDIATELY = "Immediate";
  public static final String BIND_FOR_FIRST_CONSUMER = "WaitForFirstConsumer";

  private StorageClassFactory() {}

  /**
   * @param scenarioParameters what the scenario asks of the driver, on top of the spec's parameters
   * @param scenarioMountOptions mount options the scenario needs, on top of the spec's
   * @param reclaimPolicy Delete, or Retain
   * @param volumeBindingMode Immediate, or WaitForFirstConsumer
   */
  public static StorageClass build(
      String name,
      Map<String, String> labels,
      Map<String, String> annotations,
      EffectiveSpec spec,
      Map<String, String> scenarioParameters,
      List<String> scenarioMountOptions,
      String reclaimPolicy,
      String volumeBindingMode) {
    Map<String, String> parameters = new LinkedHashMap<>(spec.storageClass().parameters());
    parameters.putAll(scenarioParameters);
    List<String> mountOptions = new ArrayList<>(spec.storageClass().mountOptions());
    mountOptions.addAll(scenarioMountOptions);
    return new StorageClassBuilder()
        .withNewMetadata()
        .withName(name)
        .withLabels(labels)
        .withAnnotations(annotations)
        .endMetadata()
        .withProvisioner(spec.provisioner())
        .withParameters(parameters)
        .withMountOptions(withProbeAccess(mountOptions, spec.probe().runAsUser()))
        .withReclaimPolicy(reclaimPolicy)
        .withVolumeBindingMode(volumeBindingMode)
        .build();
  }

  /**
   * The probe runs as a non-root user, and a FUSE mount is only visible to the user who mounted it
   * unless told otherwise: add uid, gid and allow-other where the user has not set them.
   */
  static List<String> withProbeAccess(List<String> mountOptions, long runAsUser) {
    List<String> result = new ArrayList<>(mountOptions);
    addIfAbsent(result, "uid", "uid=" + runAsUser);
    addIfAbsent(result, "gid", "gid=" + runAsUser);
    addIfAbsent(result, "allow-other", "allow-other");
    return result;
  }

  private static void addIfAbsent(List<String> options, String key, String option) {
    if (options.stream().map(MountOptions::key).noneMatch(key::equals)) {
      options.add(option);
    }
  }
}
