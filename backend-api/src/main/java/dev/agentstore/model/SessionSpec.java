package dev.agentstore.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * A conversation thread with one agent instance. JSON fields this record does not know are kept in {@code unknownFields} and written back
 * unchanged.
 *
 * <p>Usage: {@code new SessionSpec(instanceId, "user-42", "thread-1", null, Map.of())}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SessionSpec(
    String agentInstanceId,
    String subject,
    String threadId,
    String sandboxId,
    Map<String, String> metadata,
    @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> unknownFields) {

  /** Keeps an absent unknown-field map as an empty one. */
  public SessionSpec {
    unknownFields = Unknown.orEmpty(unknownFields);
  }

  /** A session spec with no unknown fields. */
  public SessionSpec(String agentInstanceId, String subject, String threadId, String sandboxId,
      Map<String, String> metadata) {
    this(agentInstanceId, subject, threadId, sandboxId, metadata, null);
  }
}
