package dev.agentstore.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * A relation between a principal and a resource (who may do what). JSON fields this record does not know are kept in {@code unknownFields} and written back
 * unchanged.
 *
 * <p>Usage:
 * <pre>{@code
 * IamPolicySpec s = IamPolicySpec.builder().principal(ObjectRef.builder()
 *     .kind("IdentityAccount").id(accountId).build()).relation("owner").build();
 * }</pre>
 *
 * <p>The canonical constructor is for the codec; use {@link #builder()} or the
 * {@code withX} methods, which keep every other field (unknown fields included).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IamPolicySpec(
    ObjectRef principal,
    ObjectRef resource,
    String relation,
    @JsonAnySetter Map<String, JsonNode> unknownFields) {

  /** Copies every list, map and JSON tree so that the value stays immutable. */
  public IamPolicySpec {
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

  /** A copy with another {@code principal}; every other field is kept. */
  public IamPolicySpec withPrincipal(ObjectRef principal) {
    return toBuilder().principal(principal).build();
  }

  /** A copy with another {@code resource}; every other field is kept. */
  public IamPolicySpec withResource(ObjectRef resource) {
    return toBuilder().resource(resource).build();
  }

  /** A copy with another {@code relation}; every other field is kept. */
  public IamPolicySpec withRelation(String relation) {
    return toBuilder().relation(relation).build();
  }

  /** A copy with another {@code unknownFields}; every other field is kept. */
  public IamPolicySpec withUnknownFields(Map<String, JsonNode> unknownFields) {
    return toBuilder().unknownFields(unknownFields).build();
  }

  /** Builds {@link IamPolicySpec} values; every setter is optional. */
  public static final class Builder {
    private ObjectRef principal;
    private ObjectRef resource;
    private String relation;
    private Map<String, JsonNode> unknownFields;

    private Builder() {}

    private Builder(IamPolicySpec from) {
      principal = from.principal;
      resource = from.resource;
      relation = from.relation;
      unknownFields = from.unknownFields;
    }

    /** Sets {@code principal}. */
    public Builder principal(ObjectRef value) {
      principal = value;
      return this;
    }

    /** Sets {@code resource}. */
    public Builder resource(ObjectRef value) {
      resource = value;
      return this;
    }

    /** Sets {@code relation}. */
    public Builder relation(String value) {
      relation = value;
      return this;
    }

    /** Sets {@code unknownFields}. */
    public Builder unknownFields(Map<String, JsonNode> value) {
      unknownFields = value;
      return this;
    }

    /** The value; lists and maps are copied, so later changes to them do not reach it. */
    public IamPolicySpec build() {
      return new IamPolicySpec(principal, resource, relation, unknownFields);
    }
  }
}
