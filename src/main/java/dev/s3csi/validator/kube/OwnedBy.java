package dev.s3csi.validator.kube;

import dev.s3csi.validator.api.ProvisioningValidation;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;

/** Owner references to the run, so that the garbage collector backs up our own cleanup. */
final class OwnedBy {
  private OwnedBy() {}

  static OwnerReference run(ProvisioningValidation run) {
    return new OwnerReferenceBuilder()
        .withApiVersion(run.getApiVersion())
        .withKind(run.getKind())
        .withName(run.getMetadata().getName())
        .withUid(run.getMetadata().getUid())
        .withBlockOwnerDeletion(false)
        .withController(true)
        .build();
  }
}
