package dev.s3csi.validator.sandbox;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;

/**
 * What the {@link Fault#QUOTA_EXHAUSTED} fault puts into the runs' namespace, in either world: a
 * ResourceQuota that allows no PVCs, as a namespace whose claim quota other workloads used up. The
 * API server's ResourceQuota admission (the real one, or the sandbox's {@link QuotaDispatcher})
 * refuses every PVC created there.
 */
public final class ExhaustedQuota {
  public static final String NAME = "pval-no-claims-left";

  private ExhaustedQuota() {}

  public static ResourceQuota in(String namespace) {
    return new ResourceQuotaBuilder()
        .withNewMetadata()
        .withName(NAME)
        .withNamespace(namespace)
        .endMetadata()
        .withNewSpec()
        .addToHard("persistentvolumeclaims", new Quantity("0"))
        .endSpec()
        .build();
  }
}
