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
 * <p>Usage: {@code new IamPolicySpec(new ObjectRef("IdentityAccount", ida), new ObjectRef("Agent", agt), "owner")}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IamPolicySpec(
    ObjectRef principal,
    ObjectRef resource,
    String relation,
    @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> unknownFields) {

  /** Keeps an absent unknown-field map as an empty one. */
  public IamPolicySpec {
    unknownFields = Unknown.orEmpty(unknownFields);
  }

  /** A policy spec with no unknown fields. */
  public IamPolicySpec(ObjectRef principal, ObjectRef resource, String relation) {
    this(principal, resource, relation, null);
  }
}
