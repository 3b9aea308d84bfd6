package dev.s3csi.validator.kube;

import java.util.Map;

import dev.s3csi.validator.api.ProvisioningValidation;
import dev.s3csi.validator.probe.ProbeInvocation;
import dev.s3csi.validator.spec.EffectiveSpec;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;

/**
 * The probe pod: this project's image running the probe subcommand against a mounted PVC. It
 * satisfies the restricted Pod Security Standard, so it runs in locked-down namespaces too.
 */
public final class ProbePodFactory {
  public static final String CONTAINER = "probe";
  public static final String MOUNT_PATH = "/data";
  private static final String VOLUME = "data";
  private static final String TMP = "tmp";
  // A short-lived, small JVM: no perf data file on the read-only root, a small heap, quick start.
  private static final String JAVA_OPTIONS =
      "-XX:-UsePerfData -XX:+UseSerialGC -Xmx64m -XX:TieredStopAtLevel=1";

  private ProbePodFactory() {}

  /**
   * @param readOnly mount the PVC read-only (the pod volume's {@code
   *     persistentVolumeClaim.readOnly}: kubelet passes it to the driver's NodePublishVolume and
   *     mounts it read-only into the container)
   */
  public static Pod build(
      ProvisioningValidation run,
      String name,
      Map<String, String> labels,
      String claim,
      ProbeInvocation invocation,
      EffectiveSpec spec,
      boolean readOnly) {
    long user = spec.probe().runAsUser();
    return new PodBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(run.getMetadata().getNamespace())
        .withLabels(labels)
        .withAnnotations(RunLabels.annotations(run))
        .withOwnerReferences(OwnedBy.run(run))
        .endMetadata()
        .withNewSpec()
        .withRestartPolicy("Never")
        .withActiveDeadlineSeconds(spec.timeouts().podReady().toSeconds())
        .withAutomountServiceAccountToken(false)
        .withNodeSelector(spec.probe().nodeSelector())
        .withNewSecurityContext()
        .withRunAsNonRoot(true)
        .withRunAsUser(user)
        .withRunAsGroup(user)
        .withNewSeccompProfile()
        .withType("RuntimeDefault")
        .endSeccompProfile()
        .endSecurityContext()
        .addNewContainer()
        .withName(CONTAINER)
        .withImage(spec.probe().image())
        .withArgs(invocation.toArgs())
        .addNewEnv()
        .withName("JAVA_TOOL_OPTIONS")
        .withValue(JAVA_OPTIONS)
        .endEnv()
        .withTerminationMessagePath(invocation.resultFile())
        .withTerminationMessagePolicy("FallbackToLogsOnError")
        .withNewSecurityContext()
        .withAllowPrivilegeEscalation(false)
        .withReadOnlyRootFilesystem(true)
        .withRunAsNonRoot(true)
        .withNewCapabilities()
        .withDrop("ALL")
        .endCapabilities()
        .endSecurityContext()
        .withNewResources()
        .withRequests(Map.of("cpu", new Quantity("50m"), "memory", new Quantity("96Mi")))
        .withLimits(Map.of("memory", new Quantity("192Mi")))
        .endResources()
        .addNewVolumeMount()
        .withName(VOLUME)
        .withMountPath(invocation.mountPath())
        .endVolumeMount()
        .addNewVolumeMount()
        .withName(TMP)
        .withMountPath("/tmp")
        .endVolumeMount()
        .endContainer()
        .addNewVolume()
        .withName(VOLUME)
        .withNewPersistentVolumeClaim()
        .withClaimName(claim)
        .withReadOnly(readOnly)
        .endPersistentVolumeClaim()
        .endVolume()
        .addNewVolume()
        .withName(TMP)
        .withNewEmptyDir()
        .withSizeLimit(new Quantity("16Mi"))
        .endEmptyDir()
        .endVolume()
        .endSpec()
        .build();
  }
}
