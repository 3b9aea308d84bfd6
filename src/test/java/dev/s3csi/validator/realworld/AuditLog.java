package dev.s3csi.validator.realworld;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The real API server's audit log, read back: every request it answered, who made it, what it asked
 * for and how it ended, timed by the API server's own clock. The ground truth for what the operator
 * really does to a cluster (the permissions it needs, the requests it makes, how soon it reacts),
 * measured by neither the operator nor the test.
 */
public final class AuditLog {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * One answered request.
   *
   * @param user the authenticated user, e.g. {@code system:serviceaccount:ns:name}
   * @param verb the API verb: get, list, watch, create, update, patch, delete, deletecollection
   * @param apiGroup empty for the core group
   * @param resource e.g. {@code persistentvolumes}; empty for non-resource URLs
   * @param subresource e.g. {@code status}, or empty
   * @param namespace empty for cluster-scoped objects
   * @param name empty for collections
   * @param uri the request's path and query
   * @param code the HTTP status of the answer
   * @param stage ResponseComplete, or ResponseStarted for a watch's start, or Panic
   * @param received when the API server received it
   * @param completed when it finished answering (for a watch, when the watch ended)
   * @param stored the object as stored, for the requests the policy logs at RequestResponse level
   *     (status writes of runs, PVCs and pods, see ControlPlane), else null
   */
  public record Event(
      String user,
      String userAgent,
      String verb,
      String apiGroup,
      String resource,
      String subresource,
      String namespace,
      String name,
      String uri,
      int code,
      String stage,
      Instant received,
      Instant completed,
      JsonNode stored) {

    /** Whether it was answered, and the answer was a success. */
    public boolean succeeded() {
      return "ResponseComplete".equals(stage) && code >= 200 && code < 300;
    }

    static Event parse(String line) {
      try {
        JsonNode event = JSON.readTree(line);
        JsonNode object = event.path("objectRef");
        return new Event(
            event.path("user").path("username").asText(),
            event.path("userAgent").asText(),
            event.path("verb").asText(),
            object.path("apiGroup").asText(),
            object.path("resource").asText(),
            object.path("subresource").asText(),
            object.path("namespace").asText(),
            object.path("name").asText(),
            event.path("requestURI").asText(),
            event.path("responseStatus").path("code").asInt(),
            event.path("stage").asText(),
            Instant.parse(event.path("requestReceivedTimestamp").asText()),
            Instant.parse(event.path("stageTimestamp").asText()),
            event.get("responseObject"));
      } catch (IOException e) {
        throw new UncheckedIOException("not an audit event: " + line, e);
      }
    }
  }

  private final Path file;

  AuditLog(Path file) {
    this.file = file;
  }

  /** Every event logged so far. */
  public List<Event> events() {
    try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
      return lines.filter(line -> !line.isBlank()).map(Event::parse).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the audit log " + file, e);
    }
  }

  /** The events of one user. */
  public List<Event> of(String user) {
    return events().stream().filter(e -> e.user().equals(user)).toList();
  }
}
