package dev.agentstore.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * A user or machine account. JSON fields this record does not know are kept in {@code unknownFields} and written back
 * unchanged.
 *
 * <p>Usage: {@code new IdentityAccountSpec("a@b.c", "Ada", "Lovelace", null, false)}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IdentityAccountSpec(
    String email,
    String givenName,
    String familyName,
    String pictureUrl,
    Boolean machineAccount,
    @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> unknownFields) {

  /** Keeps an absent unknown-field map as an empty one. */
  public IdentityAccountSpec {
    unknownFields = Unknown.orEmpty(unknownFields);
  }

  /** An account spec with no unknown fields. */
  public IdentityAccountSpec(String email, String givenName, String familyName, String pictureUrl,
      Boolean machineAccount) {
    this(email, givenName, familyName, pictureUrl, machineAccount, null);
  }
}
