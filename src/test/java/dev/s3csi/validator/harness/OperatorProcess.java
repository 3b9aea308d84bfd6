package dev.s3csi.validator.harness;

import dev.s3csi.validator.reconciler.OperatorSettings;
import dev.s3csi.validator.reconciler.ValidatorOperator;

/**
 * The operator as the pod of a Deployment: it can be killed and started again, each time with a
 * fresh client and no memory but what the cluster holds.
 */
public final class OperatorProcess implements AutoCloseable {
  private final World world;
  private final OperatorSettings settings;
  private ValidatorOperator current;
  private int restarts;

  private OperatorProcess(World world, OperatorSettings settings) {
    this.world = world;
    this.settings = settings;
    this.current = world.startOperator(settings);
  }

  public static OperatorProcess start(World world, OperatorSettings settings) {
    return new OperatorProcess(world, settings);
  }

  /** Stops the operator where it is and starts a new one. */
  public synchronized void restart() {
    stop();
    current = world.startOperator(settings);
    restarts++;
  }

  /** Stops the operator; {@link #restart()} brings a new one. */
  public synchronized void stop() {
    if (current != null) {
      current.close();
      current = null;
    }
  }

  /** The operator running now; a restart replaces it. */
  public synchronized ValidatorOperator current() {
    return current;
  }

  public synchronized int restarts() {
    return restarts;
  }

  @Override
  public synchronized void close() {
    stop();
  }
}
