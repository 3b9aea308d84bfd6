package dev.s3csi.validator.kube;

import java.net.HttpURLConnection;

import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * A request the API server did not carry out, with what was asked (verb and object) and what the
 * server answered (HTTP status and its message), so that a verdict can quote both. {@link
 * #isTransient()} tells a refusal that may pass on a retry (a conflict, throttling, a server error,
 * no answer at all) from one that will not (a quota, an admission webhook, RBAC, an invalid
 * object).
 */
public final class ApiRequestException extends RuntimeException {
  private static final int TOO_MANY_REQUESTS = 429;

  private final String verb;
  private final String object;
  private final int code;
  private final String serverMessage;

  /**
   * @param verb what was asked, as RBAC and the audit log name it: create, get, delete
   * @param object the object's kind and name, e.g. {@code PersistentVolumeClaim ns/name}
   */
  public ApiRequestException(String verb, String object, KubernetesClientException cause) {
    super(verb + " " + object + ": " + answer(cause.getCode(), serverMessage(cause)), cause);
    this.verb = verb;
    this.object = object;
    this.code = cause.getCode();
    this.serverMessage = serverMessage(cause);
  }

  public String verb() {
    return verb;
  }

  public String object() {
    return object;
  }

  /** The HTTP status; 0 when the API server did not answer. */
  public int code() {
    return code;
  }

  public String serverMessage() {
    return serverMessage;
  }

  /** What was asked: {@code create PersistentVolumeClaim ns/name}. */
  public String request() {
    return verb + " " + object;
  }

  /** What the API server answered: {@code 403 <its message>}, or that it did not answer. */
  public String answer() {
    return answer(code, serverMessage);
  }

  /** Whether asking again may succeed: nothing in the request itself is refused. */
  public boolean isTransient() {
    return code == 0
        || code == HttpURLConnection.HTTP_CONFLICT
        || code == TOO_MANY_REQUESTS
        || code >= HttpURLConnection.HTTP_INTERNAL_ERROR;
  }

  private static String answer(int code, String message) {
    return code == 0 ? "no answer (" + message + ")" : code + " " + message;
  }

  /** The API server's own words (its Status message) where it sent them. */
  private static String serverMessage(KubernetesClientException e) {
    if (e.getStatus() != null && e.getStatus().getMessage() != null) {
      return e.getStatus().getMessage();
    }
    return e.getCause() != null && e.getCause().getMessage() != null
        ? e.getCause().getMessage()
        : e.getMessage();
  }
}
