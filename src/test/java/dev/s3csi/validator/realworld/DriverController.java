package dev.s3csi.validator.realworld;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The Scality driver's controller pod as its Helm chart (2.2.0) deploys it: the driver in
 * controller-only mode (its real CreateVolume and DeleteVolume) and the external-provisioner
 * sidecar with the chart's arguments (only {@code --csi-address} and {@code --v=2}: the defaults
 * apply, {@code --timeout=10s}, 100 workers, retries from 1 s to 5 min), talking over a unix
 * socket. The driver can be stopped (the controller is down) and started again with other S3
 * credentials (the Helm secret was wrong). The sidecar exits when it loses its connection to the
 * driver (csi-lib-utils' ExitOnConnectionLoss) and is restarted, as kubelet restarts a container of
 * a pod whose restartPolicy is Always; a restarted sidecar waits for the driver's socket.
 */
final class DriverController implements AutoCloseable {
  static final String NAME = "s3.csi.scality.com";
  private static final Duration SOCKET_LIMIT = Duration.ofSeconds(30);

  private final RealWorldBinaries binaries;
  private final ControlPlane controlPlane;
  private final URI s3Endpoint;
  private final Path socket;
  private final Path logs;

  /**
   * How soon a container that exited is started again: kubelet's first back-off is 10 s, shortened
   * here.
   */
  private static final Duration RESTART_DELAY = Duration.ofSeconds(1);

  private LocalProcess driver;
  private LocalProcess provisioner;
  private int provisionerRestarts;
  private final Thread supervisor;
  private volatile boolean closed;

  /**
   * @param driverAccessKey what the chart's {@code s3CredentialSecret} holds: the driver's own S3
   *     identity, used when a StorageClass names no provisioner secret
   */
  DriverController(
      RealWorldBinaries binaries,
      ControlPlane controlPlane,
      URI s3Endpoint,
      String driverAccessKey,
      String driverSecretKey) {
    this.binaries = binaries;
    this.controlPlane = controlPlane;
    this.s3Endpoint = s3Endpoint;
    this.socket = controlPlane.directory().resolve("csi").resolve("csi.sock");
    this.logs = controlPlane.directory().resolve("logs");
    try {
      Files.createDirectories(socket.getParent());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    startDriver(driverAccessKey, driverSecretKey);
    provisioner = startProvisioner();
    supervisor = new Thread(this::superviseProvisioner, "realworld-csi-provisioner-restarts");
    supervisor.setDaemon(true);
    supervisor.start();
  }

  private LocalProcess startProvisioner() {
    return LocalProcess.start(
        "csi-provisioner",
        binaries.binary("csi-provisioner"),
        List.of(
            "--csi-address=unix://" + socket,
            "--v=2",
            "--kubeconfig=" + controlPlane.adminKubeconfig()),
        Map.of(),
        logs);
  }

  private void superviseProvisioner() {
    while (!closed) {
      try {
        Thread.sleep(RESTART_DELAY.toMillis());
      } catch (InterruptedException e) {
        return;
      }
      synchronized (this) {
        if (!closed && !provisioner.isAlive()) {
          provisioner = startProvisioner();
          provisionerRestarts++;
        }
      }
    }
  }

  /** How often the sidecar was restarted: once per loss of the driver. */
  synchronized int provisionerRestarts() {
    return provisionerRestarts;
  }

  /** Starts the driver's container (again) with these S3 credentials and waits for its socket. */
  synchronized void startDriver(String accessKey, String secretKey) {
    stopDriver();
    driver =
        LocalProcess.start(
            "scality-csi-driver",
            binaries.binary("scality-csi-driver"),
            List.of(
                "--endpoint=unix://" + socket,
                "--node-id=" + RealWorld.CONTROLLER_NODE_ID,
                "--kubeconfig=" + controlPlane.adminKubeconfig(),
                "--v=4"),
            Map.of(
                "CSI_CONTROLLER_ONLY",
                "true",
                "AWS_ENDPOINT_URL",
                s3Endpoint.toString(),
                "AWS_REGION",
                "us-east-1",
                "AWS_ACCESS_KEY_ID",
                accessKey,
                "AWS_SECRET_ACCESS_KEY",
                secretKey),
            logs);
    long deadline = System.nanoTime() + SOCKET_LIMIT.toNanos();
    while (!Files.exists(socket)) {
      driver.assertAlive();
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "the driver did not open " + socket + " in " + SOCKET_LIMIT.toSeconds() + " s");
      }
      ControlPlane.sleep(Duration.ofMillis(100));
    }
  }

  /** The driver's container is gone: the sidecar's CreateVolume calls find no socket. */
  synchronized void stopDriver() {
    if (driver != null) {
      driver.close();
      driver = null;
    }
    try {
      Files.deleteIfExists(socket);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The driver, when it should run; the sidecar is restarted by the supervisor when it exits. */
  synchronized void assertAlive() {
    if (driver != null) {
      driver.assertAlive();
    }
  }

  @Override
  public void close() {
    closed = true;
    supervisor.interrupt();
    synchronized (this) {
      provisioner.close();
      stopDriver();
    }
  }
}
