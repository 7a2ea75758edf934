package dev.agentstore.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * A tenant. JSON fields this record does not know are kept in {@code unknownFields} and written back
 * unchanged.
 *
 * <p>Usage: {@code OrganizationSpec s = OrganizationSpec.builder().description("Acme").build();}
 *
 * <p>The canonical constructor is for the codec; use {@link #builder()} or the
 * {@code withX} methods, which keep every other field (unknown fields included).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OrganizationSpec(
    String description,
    String logoUrl,
    @JsonAnySetter Map<String, JsonNode> unknownFields) {

  /** Copies every list, map and JSON tree so that the value stays immutable. */
  public OrganizationSpec {
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

  /** A copy with another {@code description}; every other field is kept. */
  public OrganizationSpec withDescription(String description) {
    return toBuilder().description(description).build();
  }

  /** A copy with another {@code logoUrl}; every other field is kept. */
  public OrganizationSpec withLogoUrl(String logoUrl) {
    return toBuilder().logoUrl(logoUrl).build();
  }

  /** A copy with another {@code unknownFields}; every other field is kept. */
  public OrganizationSpec withUnknownFields(Map<String, JsonNode> unknownFields) {
    return toBuilder().unknownFields(unknownFields).build();
  }

  /** Builds {@link OrganizationSpec} values; every setter is optional. */
  public static final class Builder {
    private String description;
    private String logoUrl;
    private Map<String, JsonNode> unknownFields;

    private Builder() {}

    private Builder(OrganizationSpec from) {
      description = from.description;
      logoUrl = from.logoUrl;
      unknownFields = from.unknownFields;
    }

    /** Sets {@code description}. */
    public Builder description(String value) {
      description = value;
      return this;
    }

    /** Sets {@code logoUrl}. */
    public Builder logoUrl(String value) {
      logoUrl = value;
      return this;
    }

    /** Sets {@code unknownFields}. */
    public Builder unknownFields(Map<String, JsonNode> value) {
      unknownFields = value;
      return this;
    }

    /** The value; lists and maps are copied, so later changes to them do not reach it. */
    public OrganizationSpec build() {
      return new OrganizationSpec(description, logoUrl, unknownFields);
    }
  }
}
