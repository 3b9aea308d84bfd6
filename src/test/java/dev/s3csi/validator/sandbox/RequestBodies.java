package dev.s3csi.validator.sandbox;

import java.nio.charset.StandardCharsets;

import io.fabric8.mockwebserver.http.RecordedRequest;

/** Request bodies as the mock server received them. */
public final class RequestBodies {
  private RequestBodies() {}

  /** The body, read without consuming it: the dispatcher behind reads it again. */
  public static String of(RecordedRequest request) {
    return request.getBody() == null
        ? ""
        : new String(request.getBody().getBytes(), StandardCharsets.UTF_8);
  }
}
