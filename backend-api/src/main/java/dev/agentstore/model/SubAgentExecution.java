package dev.agentstore.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * A delegation from one agent execution to a sub-agent. JSON fields this record does not know are kept in {@code unknownFields} and written back
 * unchanged.
 *
 * <p>Usage: {@code new SubAgentExecution("agt-...", "aex-...", ExecutionPhase.PENDING)}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SubAgentExecution(
    String agentId,
    String executionId,
    ExecutionPhase phase,
    @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> unknownFields) {

  /** Keeps an absent unknown-field map as an empty one. */
  public SubAgentExecution {
    unknownFields = Unknown.orEmpty(unknownFields);
  }

  /** A delegation with no unknown fields. */
  public SubAgentExecution(String agentId, String executionId, ExecutionPhase phase) {
    this(agentId, executionId, phase, null);
  }
}
