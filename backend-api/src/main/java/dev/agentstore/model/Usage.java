package dev.agentstore.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Map;

/**
 * Token and cost accounting of an execution. JSON fields this record does not know are kept in {@code unknownFields} and written back
 * unchanged.
 *
 * <p>Usage: {@code new Usage(120L, 80L, new BigDecimal("0.0031"), 950L)}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Usage(
    Long inputTokens,
    Long outputTokens,
    BigDecimal costUsd,
    Long durationMs,
    @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> unknownFields) {

  /** Keeps an absent unknown-field map as an empty one. */
  public Usage {
    unknownFields = Unknown.orEmpty(unknownFields);
  }

  /** A usage record with no unknown fields. */
  public Usage(Long inputTokens, Long outputTokens, BigDecimal costUsd, Long durationMs) {
    this(inputTokens, outputTokens, costUsd, durationMs, null);
  }
}
