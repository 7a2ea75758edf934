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
 * <p>Usage:
 * <pre>{@code
 * SessionSpec s = SessionSpec.builder().agentInstanceId(instanceId).subject("user-42")
 *     .build();
 * }</pre>
 *
 * <p>The canonical constructor is for the codec; use {@link #builder()} or the
 * {@code withX} methods, which keep every other field (unknown fields included).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SessionSpec(
    String agentInstanceId,
    String subject,
    String threadId,
    String sandboxId,
    Map<String, String> metadata,
    @JsonAnySetter Map<String, JsonNode> unknownFields) {

  /** Copies every list, map and JSON tree so that the value stays immutable. */
  public SessionSpec {
    metadata = Copies.map(metadata);
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

  /** A copy with another {@code agentInstanceId}; every other field is kept. */
  public SessionSpec withAgentInstanceId(String agentInstanceId) {
    return toBuilder().agentInstanceId(agentInstanceId).build();
  }

  /** A copy with another {@code subject}; every other field is kept. */
  public SessionSpec withSubject(String subject) {
    return toBuilder().subject(subject).build();
  }

  /** A copy with another {@code threadId}; every other field is kept. */
  public SessionSpec withThreadId(String threadId) {
    return toBuilder().threadId(threadId).build();
  }

  /** A copy with another {@code sandboxId}; every other field is kept. */
  public SessionSpec withSandboxId(String sandboxId) {
    return toBuilder().sandboxId(sandboxId).build();
  }

  /** A copy with another {@code metadata}; every other field is kept. */
  public SessionSpec withMetadata(Map<String, String> metadata) {
    return toBuilder().metadata(metadata).build();
  }

  /** A copy with another {@code unknownFields}; every other field is kept. */
  public SessionSpec withUnknownFields(Map<String, JsonNode> unknownFields) {
    return toBuilder().unknownFields(unknownFields).build();
  }

  /** Builds {@link SessionSpec} values; every setter is optional. */
  public static final class Builder {
    private String agentInstanceId;
    private String subject;
    private String threadId;
    private String sandboxId;
    private Map<String, String> metadata;
    private Map<String, JsonNode> unknownFields;

    private Builder() {}

    private Builder(SessionSpec from) {
      agentInstanceId = from.agentInstanceId;
      subject = from.subject;
      threadId = from.threadId;
      sandboxId = from.sandboxId;
      metadata = from.metadata;
      unknownFields = from.unknownFields;
    }

    /** Sets {@code agentInstanceId}. */
    public Builder agentInstanceId(String value) {
      agentInstanceId = value;
      return this;
    }

    /** Sets {@code subject}. */
    public Builder subject(String value) {
      subject = value;
      return this;
    }

    /** Sets {@code threadId}. */
    public Builder threadId(String value) {
      threadId = value;
      return this;
    }

    /** Sets {@code sandboxId}. */
    public Builder sandboxId(String value) {
      sandboxId = value;
      return this;
    }

    /** Sets {@code metadata}. */
    public Builder metadata(Map<String, String> value) {
      metadata = value;
      return this;
    }

    /** Sets {@code unknownFields}. */
    public Builder unknownFields(Map<String, JsonNode> value) {
      unknownFields = value;
      return this;
    }

    /** The value; lists and maps are copied, so later changes to them do not reach it. */
    public SessionSpec build() {
      return new SessionSpec(agentInstanceId, subject, threadId, sandboxId, metadata,
          unknownFields);
    }
  }
}
