package dev.s3csi.validator.scenario.steps;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

import dev.s3csi.validator.api.Reason;
import dev.s3csi.validator.engine.Deadline;
import dev.s3csi.validator.engine.ScenarioContext;
import dev.s3csi.validator.engine.Step;
import dev.s3csi.validator.engine.StepResult;
import dev.s3csi.validator.kube.ClaimFactory;
import dev.s3csi.validator.kube.StaticVolumeFactory;
import dev.s3csi.validator.kube.StorageClassFactory;
import dev.s3csi.validator.spec.SecretParameters;

import io.fabric8.kubernetes.api.model.CSIPersistentVolumeSource;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.storage.StorageClass;

/**
 * Checks each bound PV is what the driver should have made of its PVC, and records its bucket: the
 * driver, the bucket (volumeHandle equal to volumeAttributes.bucketName), RWX, the StorageClass's
 * reclaim policy and a claimRef pointing back at the PVC.
 */
public final class VerifyVolumeStep implements Step {

  @Override
  public String name() {
    return "verifyVolume";
  }

  @Override
  public StepResult run(ScenarioContext ctx) {
    List<String> problems = new ArrayList<>();
    for (String claimName : ctx.resources().getPvcs()) {
      PersistentVolumeClaim claim = ctx.cluster().claim(ctx.namespace(), claimName).orElse(null);
      String volumeName = claim == null ? null : claim.getSpec().getVolumeName();
      PersistentVolume volume =
          volumeName == null ? null : ctx.cluster().volume(volumeName).orElse(null);
      if (volume == null) {
        return StepResult.awaiting("waiting for the PV of PVC " + claimName);
      }
      // The handle is the bucket the driver made for this PVC, right or wrong: cleanup must know
      // it.
      if (volume.getSpec().getCsi() != null) {
        UniqueNames.add(ctx.resources().getBuckets(), volume.getSpec().getCsi().getVolumeHandle());
      }
      List<String> mismatches = mismatches(ctx, claim, volume);
      if (!mismatches.isEmpty()) {
        problems.add(
            "PV " + volumeName + " of PVC " + claimName + ": " + String.join("; ", mismatches));
        ctx.addEvidence(describe(volume));
      }
    }
    problems.addAll(sharedBuckets(ctx));
    if (!problems.isEmpty()) {
      return StepResult.failed(Reason.PVAttributesInvalid, String.join(". ", problems));
    }
    return StepResult.passed(
        "PV attributes as expected; bucket " + String.join(", ", ctx.resources().getBuckets()));
  }

  /** The PV fields the checks read, as evidence. */
  static String describe(PersistentVolume volume) {
    CSIPersistentVolumeSource csi = volume.getSpec().getCsi();
    String source =
        csi == null
            ? "no spec.csi"
            : "driver="
                + csi.getDriver()
                + ", volumeHandle="
                + csi.getVolumeHandle()
                + ", volumeAttributes="
                + (csi.getVolumeAttributes() == null
                    ? "{}"
                    : new TreeMap<>(csi.getVolumeAttributes()));
    return "PV "
        + volume.getMetadata().getName()
        + ": "
        + source
        + ", accessModes="
        + volume.getSpec().getAccessModes()
        + ", persistentVolumeReclaimPolicy="
        + volume.getSpec().getPersistentVolumeReclaimPolicy();
  }

  /** Dedicated buckets: two PVs naming the same bucket would see each other's files. */
  private static List<String> sharedBuckets(ScenarioContext ctx) {
    Map<String, List<String>> volumesByBucket = new LinkedHashMap<>();
    for (String claimName : ctx.resources().getPvcs()) {
      ClaimVolumes.volume(ctx, claimName)
          .map(VolumeLocation::of)
          .ifPresent(
              l -> volumesByBucket.computeIfAbsent(l.bucket(), b -> new ArrayList<>()).add(l.pv()));
    }
    return volumesByBucket.entrySet().stream()
        .filter(e -> e.getValue().size() > 1)
        .map(
            e ->
                "PV "
                    + String.join(", ", e.getValue())
                    + " share bucket "
                    + e.getKey()
                    + "; each PVC must get its own")
        .toList();
  }

  static List<String> mismatches(
      ScenarioContext ctx, PersistentVolumeClaim claim, PersistentVolume volume) {
    List<String> found = new ArrayList<>();
    CSIPersistentVolumeSource csi = volume.getSpec().getCsi();
    if (csi == null) {
      found.add("not a CSI volume");
      return found;
    }
    Map<String, String> attributes =
        csi.getVolumeAttributes() == null ? Map.of() : csi.getVolumeAttributes();
    if (csi.getVolumeHandle() == null || csi.getVolumeHandle().isEmpty()) {
      found.add("spec.csi.volumeHandle is empty");
    } else {
      expect(
          found,
          "spec.csi.volumeAttributes.bucketName",
          attributes.get(VolumeLocation.BUCKET_ATTRIBUTE),
          csi.getVolumeHandle());
    }
    found.addAll(commonMismatches(ctx, claim, volume));
    return found;
  }

  /** What every dynamically provisioned PV must satisfy, whatever bucket layout the driver uses. */
  static List<String> commonMismatches(
      ScenarioContext ctx, PersistentVolumeClaim claim, PersistentVolume volume) {
    List<String> found = new ArrayList<>();
    CSIPersistentVolumeSource csi = volume.getSpec().getCsi();
    if (csi == null) {
      found.add("not a CSI volume");
      return found;
    }
    expect(found, "spec.csi.driver", csi.getDriver(), ctx.spec().provisioner());
    List<String> modes =
        volume.getSpec().getAccessModes() == null ? List.of() : volume.getSpec().getAccessModes();
    if (!modes.contains(ClaimFactory.RWX)) {
      found.add("spec.accessModes " + modes + " lacks " + ClaimFactory.RWX);
    }
    expect(
        found,
        "spec.persistentVolumeReclaimPolicy",
        volume.getSpec().getPersistentVolumeReclaimPolicy(),
        reclaimPolicy(ctx, claim));
    authenticationSource(ctx, claim, csi).ifPresent(found::add);
    ObjectReference ref = volume.getSpec().getClaimRef();
    if (ref == null) {
      found.add("spec.claimRef is missing");
    } else {
      expect(
          found, "spec.claimRef.namespace", ref.getNamespace(), claim.getMetadata().getNamespace());
      expect(found, "spec.claimRef.name", ref.getName(), claim.getMetadata().getName());
      expect(found, "spec.claimRef.uid", ref.getUid(), claim.getMetadata().getUid());
    }
    return found;
  }

  /** The policy the claim's StorageClass asks for; Delete, the default, when it cannot be seen. */
  private static String reclaimPolicy(ScenarioContext ctx, PersistentVolumeClaim claim) {
    String storageClass = claim.getSpec() == null ? null : claim.getSpec().getStorageClassName();
    return (storageClass == null
            ? Optional.<StorageClass>empty()
            : ctx.cluster().storageClass(storageClass))
        .map(StorageClass::getReclaimPolicy)
        .orElse(StorageClassFactory.RECLAIM_DELETE);
  }

  /**
   * The credentials the node will mount with: with a provisioner Secret in the StorageClass the
   * driver must record {@code authenticationSource: secret} (the node then uses the node-publish
   * Secret); without one, {@code driver} or nothing, which the node reads as driver. A wrong value
   * mounts the volume as another S3 identity than the StorageClass asked for.
   */
  private static Optional<String> authenticationSource(
      ScenarioContext ctx, PersistentVolumeClaim claim, CSIPersistentVolumeSource csi) {
    String className = claim.getSpec().getStorageClassName();
    Optional<StorageClass> storageClass =
        className == null ? Optional.empty() : ctx.cluster().storageClass(className);
    if (storageClass.isEmpty()) {
      return Optional.empty();
    }
    Map<String, String> parameters =
        storageClass.get().getParameters() == null ? Map.of() : storageClass.get().getParameters();
    boolean secret =
        SecretParameters.effective(parameters, SecretParameters.PROVISIONER).isPresent();
    String actual =
        csi.getVolumeAttributes() == null
            ? null
            : csi.getVolumeAttributes().get(StaticVolumeFactory.AUTHENTICATION_SOURCE);
    boolean asExpected =
        secret ? "secret".equals(actual) : actual == null || "driver".equals(actual);
    return asExpected
        ? Optional.empty()
        : Optional.of(
            "spec.csi.volumeAttributes.authenticationSource is '"
                + actual
                + "', expected '"
                + (secret ? "secret" : "driver")
                + "': StorageClass "
                + className
                + (secret ? " names" : " names no")
                + " provisioner Secret, so the node would mount with other credentials than"
                + " asked");
  }

  private static void expect(List<String> found, String field, String actual, String expected) {
    if (!Objects.equals(actual, expected)) {
      found.add(field + " is '" + actual + "', expected '" + expected + "'");
    }
  }

  @Override
  public Deadline deadline() {
    return Deadline.bind(Reason.PVAttributesInvalid);
  }
}
