package dev.s3csi.validator.realworld;

import java.util.Set;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import dev.s3csi.validator.s3.S3Credentials;
import dev.s3csi.validator.sandbox.SandboxOptions;

/**
 * Gives a test a {@link RealWorld} parameter ({@code @ExtendWith(SharedRealWorld.class)}). One real
 * world for the whole test run: starting it costs a control plane's start-up (and, on a cold
 * machine, the build of its binaries), so the real-world test classes share it and JUnit closes it
 * when the run ends. Without Go the tests are skipped or, in CI, fail ({@link
 * RealWorldAssumptions}).
 */
public final class SharedRealWorld implements ParameterResolver {
  private static final ExtensionContext.Namespace STORE =
      ExtensionContext.Namespace.create(SharedRealWorld.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == RealWorld.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return get(context);
  }

  /** The shared world, started on first use. */
  private static RealWorld get(ExtensionContext context) {
    return context
        .getRoot()
        .getStore(STORE)
        .getOrComputeIfAbsent(RealWorld.class, key -> new Holder(start()), Holder.class)
        .world;
  }

  private static RealWorld start() {
    try {
      return RealWorld.start(
          Set.of(),
          new S3Credentials(SandboxOptions.DEFAULT_ACCESS_KEY, SandboxOptions.DEFAULT_SECRET_KEY),
          System.err);
    } catch (RealWorldBinaries.Unavailable e) {
      RealWorldAssumptions.unavailable(e.getMessage());
      throw e;
    }
  }

  /**
   * Closes the world when the test run's root context closes (JUnit closes AutoCloseable values of
   * its stores).
   */
  private record Holder(RealWorld world) implements AutoCloseable {
    @Override
    public void close() {
      world.close();
    }
  }
}
