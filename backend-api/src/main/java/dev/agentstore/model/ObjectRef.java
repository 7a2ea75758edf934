package dev.agentstore.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * A reference to a principal or resource by kind and id. JSON fields this record does not know are kept in {@code unknownFields} and written back
 * unchanged.
 *
 * <p>Usage:
 * <pre>{@code
 * ObjectRef r = ObjectRef.builder().kind("IdentityAccount").id(accountId).build();
 * }</pre>
 *
 * <p>The canonical constructor is for the codec; use {@link #builder()} or the
 * {@code withX} methods, which keep every other field (unknown fields included).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ObjectRef(
    String kind,
    String id,
    @JsonAnySetter Map<String, JsonNode> unknownFields) {

  /** Copies every list, map and JSON tree so that the value stays immutable. */
  public ObjectRef {
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

  /** A copy with another {@code kind}; every other field is kept. */
  public ObjectRef withKind(String kind) {
    return toBuilder().kind(kind).build();
  }

  /** A copy with another {@code id}; every other field is kept. */
  public ObjectRef withId(String id) {
    return toBuilder().id(id).build();
  }

  /** A copy with another {@code unknownFields}; every other field is kept. */
  public ObjectRef withUnknownFields(Map<String, JsonNode> unknownFields) {
    return toBuilder().unknownFields(unknownFields).build();
  }

  /** Builds {@link ObjectRef} values; every setter is optional. */
  public static final class Builder {
    private String kind;
    private String id;
    private Map<String, JsonNode> unknownFields;

    private Builder() {}

    private Builder(ObjectRef from) {
      kind = from.kind;
      id = from.id;
      unknownFields = from.unknownFields;
    }

    /** Sets {@code kind}. */
    public Builder kind(String value) {
      kind = value;
      return this;
    }

    /** Sets {@code id}. */
    public Builder id(String value) {
      id = value;
      return this;
    }

    /** Sets {@code unknownFields}. */
    public Builder unknownFields(Map<String, JsonNode> value) {
      unknownFields = value;
      return this;
    }

    /** The value; lists and maps are copied, so later changes to them do not reach it. */
    public ObjectRef build() {
      return new ObjectRef(kind, id, unknownFields);
    }
  }
}
