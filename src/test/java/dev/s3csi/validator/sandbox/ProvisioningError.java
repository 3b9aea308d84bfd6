package dev.s3csi.validator.sandbox;

/**
 * A provisioning attempt failed; the message is what external-provisioner puts after "failed to
 * provision volume …: ".
 */
final class ProvisioningError extends Exception {
  private static final long serialVersionUID = 1L;

  ProvisioningError(String message) {
    super(message);
  }

  /** An error the CSI driver returned, formatted as gRPC status text. */
  static ProvisioningError rpc(String code, String description) {
    return new ProvisioningError("rpc error: code = " + code + " desc = " + description);
  }
}
