package dev.s3csi.validator.s3;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.s3csi.validator.spec.EffectiveSpec.S3Settings;

import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * One S3 client per running validation, built once from its Secret: reading the Secret on every
 * reconciliation would cost an API request each time. Released when the run no longer needs S3.
 */
public final class S3Sessions implements AutoCloseable {
  private final KubernetesClient client;
  private final Map<String, S3Checks> byRunUid = new ConcurrentHashMap<>();

  public S3Sessions(KubernetesClient client) {
    this.client = client;
  }

  /**
   * The run's S3 session. Its client is built on first use, from the Secret as it is then: a run
   * whose Secret disappears mid-run sees S3 as unavailable rather than failing on the spot.
   */
  public S3Checks forRun(String runUid, S3Settings settings) {
    return byRunUid.computeIfAbsent(
        runUid,
        uid ->
            new S3Checks(
                () ->
                    S3ClientFactory.create(
                        settings,
                        CredentialsSecret.read(
                            client, settings.secretNamespace(), settings.secretName()))));
  }

  public void release(String runUid) {
    S3Checks checks = byRunUid.remove(runUid);
    if (checks != null) {
      checks.close();
    }
  }

  @Override
  public void close() {
    byRunUid.keySet().forEach(this::release);
  }
}
