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

import dev.s3csi.validator.s3.S3Checks;
import dev.s3csi.validator.s3.S3Checks.BucketState;
import dev.s3csi.validator.s3.S3ClientFactory;
import dev.s3csi.validator.s3.S3Credentials;
import dev.s3csi.validator.spec.EffectiveSpec.S3Settings;

import io.fabric8.kubernetes.api.model.PersistentVolume;

import software.amazon.awssdk.services.s3.S3Client;
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
  private final Map<S3Credentials, S3Client> secretClients = new ConcurrentHashMap<>();

  /**
   * @param driverCredentials what the Helm chart gives the controller (wrong under bad-credentials)
   * @param orphans where the buckets the orphan-bucket fault leaves are recorded, for the audit
   */
  CsiController(
      URI endpoint,
      S3Credentials driverCredentials,
      DriverProfile profile,
      Set<Fault> faults,
      Set<String> orphans) {
    this.endpoint = endpoint;
    this.driverS3 = client(endpoint, driverCredentials);
    this.profile = profile;
    this.faults = faults;
    this.orphans = orphans;
  }

  private static S3Client client(URI endpoint, S3Credentials credentials) {
    return S3ClientFactory.create(
        new S3Settings(endpoint, "us-east-1", true, null, null), credentials);
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
    S3Client s3 = secret.isPresent() ? secretClient(secret.get()) : driverS3;
    Map<String, String> attributes = new HashMap<>();
    attributes.put("dynamicProvisioning", "true");
    attributes.put("authenticationSource", secret.isPresent() ? "secret" : "driver");
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
    if (new S3Checks(s3).headBucket(bucket) != BucketState.EXISTS) {
      throw ProvisioningError.rpc(
          "FailedPrecondition", "shared bucket " + bucket + " does not exist");
    }
    String prefix = pvName + "/";
    attributes.put("bucketName", bucket);
    attributes.put("prefix", prefix);
    return new Volume(bucket + "/" + pvName, attributes);
  }

  private S3Client secretClient(Map<String, String> secret) throws ProvisioningError {
    String accessKey = secret.getOrDefault(S3Credentials.ACCESS_KEY_ID, "");
    String secretKey = secret.getOrDefault(S3Credentials.SECRET_ACCESS_KEY, "");
    if (accessKey.isEmpty() || secretKey.isEmpty()) {
      throw ProvisioningError.rpc(
          "Internal",
          "failed to resolve credentials: CSI secrets missing required AWS credentials:"
              + " access_key_id="
              + !accessKey.isEmpty()
              + ", secret_access_key="
              + !secretKey.isEmpty());
    }
    return secretClients.computeIfAbsent(
        new S3Credentials(accessKey, secretKey), c -> client(endpoint, c));
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
   * DeleteVolume. The reference driver deletes a dedicated bucket with its content, and a shared
   * volume's objects. The Scality driver calls DeleteBucket only: a bucket holding objects stays.
   * Neither reports a failure: the PV goes either way.
   */
  void deleteVolume(PersistentVolume volume) {
    var csi = volume.getSpec().getCsi();
    String bucket =
        csi.getVolumeAttributes() == null
            ? csi.getVolumeHandle()
            : csi.getVolumeAttributes().getOrDefault("bucketName", csi.getVolumeHandle());
    if (faults.contains(Fault.BUCKET_LEAKED)) {
      LOG.info(
          "DeleteVolume {}: failed to delete bucket (AccessDenied); returning success", bucket);
      return;
    }
    S3Checks s3 = new S3Checks(driverS3);
    try {
      String prefix =
          csi.getVolumeAttributes() == null ? null : csi.getVolumeAttributes().get("prefix");
      if (prefix != null) {
        s3.deleteObjects(bucket, prefix);
      } else if (profile == DriverProfile.REFERENCE) {
        s3.emptyAndDelete(bucket);
      } else {
        driverS3.deleteBucket(b -> b.bucket(bucket));
      }
    } catch (RuntimeException e) {
      LOG.info(
          "DeleteVolume {}: {}; skipping deletion for safety, returning success",
          bucket,
          e.getMessage());
    }
  }

  @Override
  public void close() {
    driverS3.close();
    secretClients.values().forEach(S3Client::close);
  }
}
