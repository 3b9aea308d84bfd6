package dev.s3csi.validator.sandbox;

import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

/**
 * The API server as the operator sees it on a bad day. Only requests from the operator's client
 * (recognised by its user agent) are touched; the simulated driver and kubelet, and the test,
 * talk to a healthy server. Every write the operator sends is recorded, so tests can check what
 * the operator wrote.
 *
 * <ul>
 *   <li>Errors: one in every ten of the operator's writes, at a random place in each run of ten,
 *       is answered 500, 409 or 429. Half of the 500s are "lost responses": the write is applied,
 *       then the answer is lost, as when an API server times out after committing.
 *   <li>Freeze: once a write matches a trigger, that write and every later one is refused (503)
 *       until {@link #thaw()}: the operator is stopped exactly there, as if it had crashed.
 * </ul>
 */
public final class ChaosDispatcher extends Dispatcher {
  public static final String OPERATOR_AGENT = "provisioning-validator-operator";
  private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");
  private static final int ERROR_EVERY = 10;

  private final Dispatcher delegate;
  private final Random random;
  private volatile boolean failWrites;
  private int nextFailure = -1;
  private volatile Predicate<RecordedRequest> freezeTrigger = request -> false;
  private volatile boolean frozen;
  private final AtomicInteger writes = new AtomicInteger();
  private final AtomicInteger injected = new AtomicInteger();
  private final List<String> writtenBodies = new CopyOnWriteArrayList<>();

  ChaosDispatcher(Dispatcher delegate, long seed) {
    this.delegate = delegate;
    this.random = new Random(seed);
  }

  /** Whether to answer one in ten of the operator's writes with an error, from now on. */
  public void failWrites(boolean fail) {
    this.failWrites = fail;
  }

  /** Freezes the operator's writes at the first one that matches. */
  public void freezeWhen(Predicate<RecordedRequest> trigger) {
    this.frozen = false;
    this.freezeTrigger = trigger;
  }

  public boolean isFrozen() {
    return frozen;
  }

  public void thaw() {
    freezeTrigger = request -> false;
    frozen = false;
  }

  public int operatorWrites() {
    return writes.get();
  }

  public int injectedErrors() {
    return injected.get();
  }

  /** Bodies and paths of every write the operator sent. */
  public List<String> operatorWriteRecords() {
    return List.copyOf(writtenBodies);
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    if (!OPERATOR_AGENT.equals(request.getHeader("User-Agent")) || !WRITES.contains(request.getMethod())) {
      return delegate.dispatch(request);
    }
    int index = writes.getAndIncrement();
    writtenBodies.add(request.getMethod() + " " + request.getPath() + " " + AdmissionDispatcher.body(request));
    if (frozen || freezeTrigger.test(request)) {
      frozen = true;
      return error(503, "ServiceUnavailable", "the sandbox froze the operator's writes");
    }
    if (failWrites && isNextFailure(index)) {
      injected.incrementAndGet();
      return switch (nextInt(4)) {
        case 0 -> error(500, "InternalError", "chaos: etcd request timed out");
        case 1 -> {
          delegate.dispatch(request);
          yield error(500, "InternalError", "chaos: the write was applied, the response lost");
        }
        case 2 -> error(409, "Conflict", "chaos: Operation cannot be fulfilled: the object has been modified; please apply your changes to the latest version and try again");
        default -> error(429, "TooManyRequests", "chaos: the API server is throttling this client");
      };
    }
    return delegate.dispatch(request);
  }

  /** One failure in each block of ten writes, at a random position in the block. */
  private synchronized boolean isNextFailure(int index) {
    int block = index / ERROR_EVERY;
    if (nextFailure < block * ERROR_EVERY) {
      nextFailure = block * ERROR_EVERY + random.nextInt(ERROR_EVERY);
    }
    return index == nextFailure;
  }

  private synchronized int nextInt(int bound) {
    return random.nextInt(bound);
  }

  private static MockResponse error(int code, String reason, String message) {
    return new MockResponse().setResponseCode(code).setBody(Serialization.asJson(new StatusBuilder()
        .withStatus("Failure").withCode(code).withReason(reason).withMessage(message).build()));
  }

  @Override
  public void shutdown() {
    delegate.shutdown();
  }
}
