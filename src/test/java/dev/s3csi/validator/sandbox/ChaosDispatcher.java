package dev.s3csi.validator.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

/**
 * The API server as the operator sees it on a bad day. Only requests from the operator's client
 * (recognised by its user agent) are touched; the simulated driver and kubelet, and the test, talk
 * to a healthy server. Every write the operator sends is recorded, so tests can check what the
 * operator wrote.
 *
 * <ul>
 *   <li>Errors: one in every ten of the operator's writes, at a random place in each run of ten, is
 *       answered 500, 429 or 409. Half of the 500s are "lost responses": the write is applied, then
 *       the answer is lost, as when an API server times out after committing. A 409 is made true
 *       first (see {@link #conflict}).
 *   <li>Freeze: once a write matches a trigger, that write and every later one is refused (403)
 *       until {@link #thaw()}: the operator is stopped exactly there, as if it had crashed.
 * </ul>
 */
public final class ChaosDispatcher extends Dispatcher {
  private static final Logger LOG = LoggerFactory.getLogger(ChaosDispatcher.class);

  private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");
  private static final int ERROR_EVERY = 10;

  private final Dispatcher delegate;
  private final String operatorAgent;
  private final Random random;
  private volatile boolean failWrites;
  private int nextFailure = -1;
  private volatile Predicate<RecordedRequest> freezeTrigger = request -> false;
  private volatile boolean frozen;
  private Predicate<RecordedRequest> pauseTrigger = request -> false;
  private Runnable pauseAction;
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicInteger allRequests = new AtomicInteger();
  private final AtomicInteger writes = new AtomicInteger();
  private final AtomicInteger injected = new AtomicInteger();
  private final List<Write> written = new CopyOnWriteArrayList<>();

  /**
   * One write the operator sent, and the status code it got.
   *
   * @param nanos when it reached the API server ({@link System#nanoTime})
   */
  public record Write(String method, String path, int code, String body, long nanos) {
    public boolean succeeded() {
      return code >= 200 && code < 300;
    }
  }

  /**
   * @param operatorAgent the User-Agent the operator's client sends: what tells its requests apart
   */
  ChaosDispatcher(Dispatcher delegate, String operatorAgent, long seed) {
    this.delegate = delegate;
    this.operatorAgent = operatorAgent;
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

  /**
   * Runs {@code action} once, when the first operator write that matches arrives and before that
   * write is applied and answered: the operator waits for it, so whatever the operator does after
   * that write, it does after the action.
   */
  public synchronized void beforeWrite(Predicate<RecordedRequest> trigger, Runnable action) {
    this.pauseTrigger = trigger;
    this.pauseAction = action;
  }

  private synchronized Runnable takePauseAction(RecordedRequest request) {
    if (pauseAction == null || !pauseTrigger.test(request)) {
      return null;
    }
    Runnable action = pauseAction;
    pauseAction = null;
    return action;
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

  /** Every request the API server received, from the operator, the simulator and the test. */
  public int requests() {
    return allRequests.get();
  }

  /** Every request the operator sent: reads, list and watch calls and writes. */
  public int operatorRequests() {
    return requests.get();
  }

  public int injectedErrors() {
    return injected.get();
  }

  /** Every write the operator sent, in order. */
  public List<Write> operatorWriteLog() {
    return List.copyOf(written);
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    long received = System.nanoTime();
    allRequests.incrementAndGet();
    boolean fromOperator = operatorAgent.equals(request.getHeader("User-Agent"));
    if (fromOperator) {
      requests.incrementAndGet();
    }
    if (!fromOperator || !WRITES.contains(request.getMethod())) {
      return delegate.dispatch(request);
    }
    String body = RequestBodies.of(request);
    MockResponse response = answer(request);
    written.add(new Write(request.getMethod(), request.getPath(), response.code(), body, received));
    return response;
  }

  private MockResponse answer(RecordedRequest request) {
    int index = writes.getAndIncrement();
    Runnable action = takePauseAction(request);
    if (action != null) {
      action.run();
    }
    if (frozen || freezeTrigger.test(request)) {
      // 403: not retried by the client, so the operator's attempt ends here, as at a crash.
      frozen = true;
      return error(403, "Forbidden", "the sandbox froze the operator's writes");
    }
    if (failWrites && isNextFailure(index)) {
      injected.incrementAndGet();
      MockResponse failure =
          switch ("DELETE".equals(request.getMethod()) ? nextInt(2) : nextInt(4)) {
            case 0 -> error(500, "InternalError", "chaos: etcd request timed out");
            case 1 ->
                error(429, "TooManyRequests", "chaos: the API server is throttling this client");
            case 2 -> {
              delegate.dispatch(request);
              yield error(500, "InternalError", "chaos: the write was applied, the response lost");
            }
            default -> conflict(request);
          };
      LOG.info(
          "chaos: answered {} to {} {}", failure.code(), request.getMethod(), request.getPath());
      return failure;
    }
    return delegate.dispatch(request);
  }

  /**
   * A 409 as a real API server gives one: a create conflicts with an object that exists (created
   * here, as by a concurrent writer), an update with a change someone else made first (an
   * annotation, here). A 409 with nothing changed would be a lie the client could never resolve.
   */
  private MockResponse conflict(RecordedRequest request) {
    if ("POST".equals(request.getMethod())) {
      delegate.dispatch(request);
      return error(409, "AlreadyExists", "chaos: the object was created by a concurrent request");
    }
    String object = request.getPath().split("\\?", 2)[0].replaceFirst("/status$", "");
    String touch =
        "{\"metadata\":{\"annotations\":{\"sandbox.s3csi.dev/concurrent-writer\":\""
            + injected.get()
            + "\"}}}";
    delegate.dispatch(
        new RecordedRequest(
            "PATCH " + object + " HTTP/1.1",
            HttpMethod.PATCH,
            object,
            Headers.builder().add("Content-Type", "application/merge-patch+json").build(),
            new Buffer(touch.getBytes(StandardCharsets.UTF_8))));
    return error(
        409,
        "Conflict",
        "chaos: Operation cannot be fulfilled: the object has been modified; please apply your changes to the latest version and try again");
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
    return new MockResponse()
        .setResponseCode(code)
        .setBody(
            Serialization.asJson(
                new StatusBuilder()
                    .withStatus("Failure")
                    .withCode(code)
                    .withReason(reason)
                    .withMessage(message)
                    .build()));
  }

  @Override
  public void shutdown() {
    delegate.shutdown();
  }
}
