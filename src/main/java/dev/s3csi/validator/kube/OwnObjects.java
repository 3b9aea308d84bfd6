package dev.s3csi.validator.kube;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.PersistentVolume;

/**
 * Which PVs and Events concern the validator's runs. Both kinds carry no label of ours (the driver
 * makes dynamic PVs, controllers make Events), so they cannot be selected at the API server; what
 * ties them to a run is a name of ours ({@link ScenarioNames#PREFIX}) in a field set when the
 * object is created and never changed: the PV's StorageClass or claim, the Event's object.
 */
public final class OwnObjects {
  private OwnObjects() {}

  /** A PV the validator created (labelled), or one provisioned for a claim or class of a run. */
  public static boolean isOwnVolume(PersistentVolume pv) {
    if (RunLabels.runOf(pv).isPresent()) {
      return true;
    }
    if (pv.getSpec() == null) {
      return false;
    }
    ObjectReference claim = pv.getSpec().getClaimRef();
    return ours(pv.getSpec().getStorageClassName()) || (claim != null && ours(claim.getName()));
  }

  /** An Event about one of the runs' PVCs or pods (or any other object named by a run). */
  public static boolean isAboutOwnObject(Event event) {
    ObjectReference about = event.getInvolvedObject();
    return about != null && ours(about.getName());
  }

  private static boolean ours(String name) {
    return name != null && name.startsWith(ScenarioNames.PREFIX);
  }
}
