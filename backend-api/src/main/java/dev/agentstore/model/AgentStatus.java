package dev.agentstore.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * The observed state of an agent. JSON fields this record does not know are kept in {@code unknownFields} and written back
 * unchanged.
 *
 * <p>Usage: {@code new AgentStatus("ain-...")}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AgentStatus(
    String defaultInstanceId,
    @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> unknownFields) {

  /** Keeps an absent unknown-field map as an empty one. */
  public AgentStatus {
    unknownFields = Unknown.orEmpty(unknownFields);
  }

  /** A status naming the default instance. */
  public AgentStatus(String defaultInstanceId) {
    this(defaultInstanceId, null);
  }
}
