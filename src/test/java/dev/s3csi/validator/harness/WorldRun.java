package dev.s3csi.validator.harness;

import java.time.Duration;

import dev.s3csi.validator.api.ProvisioningValidation;
import dev.s3csi.validator.reconciler.ValidatorOperator;

/**
 * One run of the real operator in a {@link World}, to its end: the finished CR and what the world
 * held afterwards. The operator is started for the run and stopped after it, as a fresh pod.
 */
public record WorldRun(ProvisioningValidation run, Audit audit) {

  /** Creates the run, waits up to its own deadline plus {@code margin}, and audits the world. */
  public static WorldRun of(World world, ProvisioningValidation run, Duration margin) {
    ValidatorOperator operator = world.startOperator();
    try {
      world.client().resource(run).create();
      ProvisioningValidation finished = new RunWatcher(world.client()).awaitFinished(run, margin);
      return new WorldRun(finished, world.audit());
    } finally {
      operator.close();
    }
  }
}
