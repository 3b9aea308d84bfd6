package dev.s3csi.validator.sandbox;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The driver's controller service: CreateVolume and DeleteVolume against S3, as the selected {@link
 * DriverProfile} defines them, with the Scality driver's error texts.
 */
final class CsiController implements AutoCloseable {
  static final String RWX = "ReadWriteMany";
  private static final Logger LOG = LoggerFactory.getLogger(CsiController.class);
  private static final Pattern REGION = Pattern.compile("^[a-z]{2}(-[a-z]+)+-[0-9]+$");
  private static final Map<String, String> CSI_MODES =
      Map.of(
          "ReadWriteOnce",
          "SINGLE_NODE_WRITER",
          "ReadOnlyMany",
          "MULTI_NODE_READER_ONLY",
          "ReadWriteOncePod",
          "SINGLE_NODE_SINGLE_WRITER");

  private final URI endpoint;
  private final S3Client driverS3;
  private final DriverProfile profile;
  private final Set<Fault> faults;
  private final Set<String> orphans;
  private final Set<String> timedOutOnce = ConcurrentHashMap.newKeySet();
  private final Set<String> calledOnce = ConcurrentHashMap.newKeySet();
  private final Map<S3Keys, S3Client> secretClients = new ConcurrentHashMap<>();

  /**
   * @param driverKeys what the Helm chart gives the controller (wrong under bad-credentials)
   * @param orphans where the buckets the orphan-bucket fault leaves are recorded, for the audit
   */
  CsiController(
      URI endpoint,
      S3Keys driverKeys,
      DriverProfile profile,
      Set<Fault> faults,
      Set<String> orphans) {
    this.endpoint = endpoint;
    this.driverS3 = S3Clients.standard(endpoint, driverKeys);
    this.profile = profile;
    this.faults = faults;
    this.orphans = orphans;
  }

  /** What CreateVolume returns: the volume handle and the attributes that go into the PV. */
  record Volume(String handle, Map<String, String> attributes) {}

  Volume createVolume(
      String pvName,
      Map<String, String> parameters,
      List<String> accessModes,
      Optional<Map<String, String>> secret)
      throws ProvisioningError {
    if (faults.contains(Fault.PROVISION_TIMEOUT_ONCE) && calledOnce.add(pvName)) {
      // What the gRPC client reports when external-provisioner's --timeout (10 s) runs out.
      throw ProvisioningError.rpc("DeadlineExceeded", "context deadline exceeded");
    }
    for (String mode : accessModes) {
      if (!RWX.equals(mode)) {
        throw ProvisioningError.rpc(
            "InvalidArgument",
            "S3 volumes only support ReadWriteMany access mode, got "
                + CSI_MODES.getOrDefault(mode, mode)
                + ". Use mount options for read-only behavior");
      }
    }
    // A provisioner Secret without keys counts as none (controller.go): the driver's credentials.
    boolean withSecret = secret.isPresent() && !secret.get().isEmpty();
    S3Client s3 = withSecret ? secretClient(secret.get()) : driverS3;
    Map<String, String> attributes = new HashMap<>();
    attributes.put("dynamicProvisioning", "true");
    attributes.put("authenticationSource", withSecret ? "secret" : "driver");
    if (profile == DriverProfile.REFERENCE) {
      referenceRegion(parameters).ifPresent(region -> attributes.put("region", region));
      if ("shared".equals(parameters.get("bucketNaming"))) {
        return sharedVolume(pvName, parameters, s3, attributes);
      }
    }
    String bucket = "csi-s3-" + UUID.randomUUID();
    if (faults.contains(Fault.ORPHAN_BUCKET) && timedOutOnce.add(pvName)) {
      createBucket(s3, bucket);
      orphans.add(bucket);
      throw ProvisioningError.rpc("DeadlineExceeded", "context deadline exceeded");
    }
    if (!faults.contains(Fault.BUCKET_MISSING)) {
      createBucket(s3, bucket);
    }
    attributes.put(
        "bucketName",
        faults.contains(Fault.WRONG_PV_ATTRIBUTES) ? "csi-s3-" + UUID.randomUUID() : bucket);
    return new Volume(bucket, attributes);
  }

  /**
   * The reference driver validates bucketNaming and s3Region; the Scality driver never reads them.
   */
  private static Optional<String> referenceRegion(Map<String, String> parameters)
      throws ProvisioningError {
    String naming = parameters.get("bucketNaming");
    if (naming != null && !naming.equals("dedicated") && !naming.equals("shared")) {
      throw ProvisioningError.rpc(
          "InvalidArgument",
          "invalid parameter bucketNaming \"" + naming + "\": must be dedicated or shared");
    }
    String region = parameters.get("s3Region");
    if (region != null && !REGION.matcher(region).matches()) {
      throw ProvisioningError.rpc(
          "InvalidArgument",
          "invalid parameter s3Region \"" + region + "\": not a region name such as us-east-1");
    }
    return Optional.ofNullable(region);
  }

  /**
   * The reference driver's shared mode: no bucket is created; the PVC gets a unique prefix in the
   * named one.
   */
  private Volume sharedVolume(
      String pvName, Map<String, String> parameters, S3Client s3, Map<String, String> attributes)
      throws ProvisioningError {
    String bucket = parameters.get("bucketName");
    if (bucket == null || bucket.isEmpty()) {
      throw ProvisioningError.rpc(
          "InvalidArgument", "parameter bucketName is required when bucketNaming is shared");
    }
    if (S3Buckets.head(s3, bucket) != S3Buckets.Head.EXISTS) {
      throw ProvisioningError.rpc(
          "FailedPrecondition", "shared bucket " + bucket + " does not exist");
    }
    String prefix = pvName + "/";
    attributes.put("bucketName", bucket);
    attributes.put("prefix", prefix);
    return new Volume(bucket + "/" + pvName, attributes);
  }

  private S3Client secretClient(Map<String, String> secret) throws ProvisioningError {
    String accessKey = secret.get(S3Keys.ACCESS_KEY_ID);
    String secretKey = secret.get(S3Keys.SECRET_ACCESS_KEY);
    if (accessKey == null || secretKey == null) {
      throw ProvisioningError.rpc(
          "Internal",
          "failed to resolve credentials: CSI secrets missing required AWS credentials:"
              + " access_key_id="
              + (accessKey != null)
              + ", secret_access_key="
              + (secretKey != null));
    }
    if (accessKey.isEmpty() || secretKey.isEmpty()) {
      throw ProvisioningError.rpc(
          "Internal", "failed to resolve credentials: CSI secrets contain empty AWS credentials");
    }
    return secretClients.computeIfAbsent(
        new S3Keys(accessKey, secretKey), keys -> S3Clients.standard(endpoint, keys));
  }

  private static void createBucket(S3Client s3, String bucket) throws ProvisioningError {
    try {
      s3.createBucket(b -> b.bucket(bucket));
    } catch (S3Exception e) {
      String code = e.awsErrorDetails() == null ? "Unknown" : e.awsErrorDetails().errorCode();
      String message =
          e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
      throw ProvisioningError.rpc(
          "Internal",
          "bucket creation failed: failed to create bucket "
              + bucket
              + ": operation error S3: CreateBucket, https response error StatusCode: "
              + e.statusCode()
              + ", RequestID: "
              + e.requestId()
              + ", api error "
              + code
              + ": "
              + message);
    }
  }

  /**
   * DeleteVolume of a volume ID, with the secrets external-provisioner read from the PV's deletion
   * annotations (none when it names none or the Secret is gone): valid ones are used, else the
   * driver's own credentials (controller.go, since 2.1.0). The Scality driver calls DeleteBucket on
   * the volume ID only and reports success whatever happens: a bucket holding objects stays. The
   * reference driver deletes a dedicated bucket with its content and a shared volume's objects (the
   * bucket and prefix it recorded), and reports a failure.
   *
   * @return why the deletion failed, to be retried; empty when the call succeeded
   */
  Optional<String> deleteVolume(
      String volumeId, Map<String, String> attributes, Map<String, String> secrets) {
    if (faults.contains(Fault.BUCKET_LEAKED)) {
      LOG.info(
          "DeleteVolume {}: failed to delete bucket (AccessDenied); returning success", volumeId);
      return Optional.empty();
    }
    S3Client s3 = driverS3;
    try {
      s3 = secretClient(secrets);
    } catch (ProvisioningError e) {
      LOG.info("DeleteVolume {}: {}; driver credentials", volumeId, e.getMessage());
    }
    S3Client client = s3;
    try {
      String prefix = attributes.get("prefix");
      if (profile == DriverProfile.SCALITY) {
        client.deleteBucket(b -> b.bucket(volumeId));
      } else if (prefix != null) {
        S3Buckets.deleteObjects(client, attributes.get("bucketName"), prefix);
      } else {
        S3Buckets.emptyAndDelete(client, volumeId);
      }
      return Optional.empty();
    } catch (NoSuchBucketException e) {
      return Optional.empty();
    } catch (RuntimeException e) {
      if (profile == DriverProfile.SCALITY) {
        LOG.info(
            "DeleteVolume {}: {}; skipping deletion for safety, returning success",
            volumeId,
            e.getMessage());
        return Optional.empty();
      }
      return Optional.of("rpc error: code = Internal desc = " + e.getMessage());
    }
  }

  @Override
  public void close() {
    driverS3.close();
    secretClients.values().forEach(S3Client::close);
  }
}
