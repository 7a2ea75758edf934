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
 * <p>Usage:
 * <pre>{@code
 * Usage u = Usage.builder().inputTokens(120L).outputTokens(80L)
 *     .costUsd(new BigDecimal("0.0031")).build();
 * }</pre>
 *
 * <p>The canonical constructor is for the codec; use {@link #builder()} or the
 * {@code withX} methods, which keep every other field (unknown fields included).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Usage(
    Long inputTokens,
    Long outputTokens,
    BigDecimal costUsd,
    Long durationMs,
    @JsonAnySetter Map<String, JsonNode> unknownFields) {

  /** Copies every list, map and JSON tree so that the value stays immutable. */
  public Usage {
    unknownFields = Copies.unknown(unknownFields);
  }

  /** The JSON fields this record does not know, as copies, written back unchanged. */
  @JsonAnyGetter
  public Map<String, JsonNode> unknownFields() {
    return Copies.unknown(unknownFields);
  }

  /** A builder with every field unset. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this value's fields, unknown fields included. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** A copy with another {@code inputTokens}; every other field is kept. */
  public Usage withInputTokens(Long inputTokens) {
    return toBuilder().inputTokens(inputTokens).build();
  }

  /** A copy with another {@code outputTokens}; every other field is kept. */
  public Usage withOutputTokens(Long outputTokens) {
    return toBuilder().outputTokens(outputTokens).build();
  }

  /** A copy with another {@code costUsd}; every other field is kept. */
  public Usage withCostUsd(BigDecimal costUsd) {
    return toBuilder().costUsd(costUsd).build();
  }

  /** A copy with another {@code durationMs}; every other field is kept. */
  public Usage withDurationMs(Long durationMs) {
    return toBuilder().durationMs(durationMs).build();
  }

  /** A copy with another {@code unknownFields}; every other field is kept. */
  public Usage withUnknownFields(Map<String, JsonNode> unknownFields) {
    return toBuilder().unknownFields(unknownFields).build();
  }

  /** Builds {@link Usage} values; every setter is optional. */
  public static final class Builder {
    private Long inputTokens;
    private Long outputTokens;
    private BigDecimal costUsd;
    private Long durationMs;
    private Map<String, JsonNode> unknownFields;

    private Builder() {}

    private Builder(Usage from) {
      inputTokens = from.inputTokens;
      outputTokens = from.outputTokens;
      costUsd = from.costUsd;
      durationMs = from.durationMs;
      unknownFields = from.unknownFields;
    }

    /** Sets {@code inputTokens}. */
    public Builder inputTokens(Long value) {
      inputTokens = value;
      return this;
    }

    /** Sets {@code outputTokens}. */
    public Builder outputTokens(Long value) {
      outputTokens = value;
      return this;
    }

    /** Sets {@code costUsd}. */
    public Builder costUsd(BigDecimal value) {
      costUsd = value;
      return this;
    }

    /** Sets {@code durationMs}. */
    public Builder durationMs(Long value) {
      durationMs = value;
      return this;
    }

    /** Sets {@code unknownFields}. */
    public Builder unknownFields(Map<String, JsonNode> value) {
      unknownFields = value;
      return this;
    }

    /** The value; lists and maps are copied, so later changes to them do not reach it. */
    public Usage build() {
      return new Usage(inputTokens, outputTokens, costUsd, durationMs, unknownFields);
    }
  }
}
