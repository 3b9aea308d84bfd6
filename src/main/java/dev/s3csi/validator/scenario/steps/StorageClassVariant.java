package dev.s3csi.validator.scenario.steps;

import java.util.List;
import java.util.Map;

import dev.s3csi.validator.kube.StorageClassFactory;

/**
 * One StorageClass a scenario provisions through: what it asks of the driver on top of the spec's
 * StorageClass template.
 *
 * @param parameterTraces for a parameter the driver should act on, the PV volume attribute that
 *     shows it did (e.g. s3Region leaves region); a parameter without a trace is reported as
 *     ignored
 * @param reclaimPolicy Delete, or Retain
 * @param volumeBindingMode Immediate, or WaitForFirstConsumer
 */
public record StorageClassVariant(
    Map<String, String> parameters,
    List<String> mountOptions,
    Map<String, String> parameterTraces,
    String reclaimPolicy,
    String volumeBindingMode) {

  public StorageClassVariant {
    parameters = Map.copyOf(parameters);
    mountOptions = List.copyOf(mountOptions);
    parameterTraces = Map.copyOf(parameterTraces);
  }

  public static StorageClassVariant of(Map<String, String> parameters) {
    return new StorageClassVariant(
        parameters,
        List.of(),
        Map.of(),
        StorageClassFactory.RECLAIM_DELETE,
        StorageClassFactory.BIND_IMMEDIATELY);
  }

  /** The same StorageClass, with reclaimPolicy Retain. */
  public StorageClassVariant retaining() {
    return new StorageClassVariant(
        parameters,
        mountOptions,
        parameterTraces,
        StorageClassFactory.RECLAIM_RETAIN,
        volumeBindingMode);
  }

  /** The same StorageClass, binding (and provisioning) only once a pod uses the PVC. */
  public StorageClassVariant waitingForFirstConsumer() {
    return new StorageClassVariant(
        parameters,
        mountOptions,
        parameterTraces,
        reclaimPolicy,
        StorageClassFactory.BIND_FOR_FIRST_CONSUMER);
  }
}
