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
 * <p>Usage:
 * <pre>{@code
 * IdentityAccountSpec s = IdentityAccountSpec.builder().email("ada@example.com")
 *     .givenName("Ada").build();
 * }</pre>
 *
 * <p>The canonical constructor is for the codec; use {@link #builder()} or the
 * {@code withX} methods, which keep every other field (unknown fields included).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IdentityAccountSpec(
    String email,
    String givenName,
    String familyName,
    String pictureUrl,
    Boolean machineAccount,
    @JsonAnySetter Map<String, JsonNode> unknownFields) {

  /** Copies every list, map and JSON tree so that the value stays immutable. */
  public IdentityAccountSpec {
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

  /** A copy with another {@code email}; every other field is kept. */
  public IdentityAccountSpec withEmail(String email) {
    return toBuilder().email(email).build();
  }

  /** A copy with another {@code givenName}; every other field is kept. */
  public IdentityAccountSpec withGivenName(String givenName) {
    return toBuilder().givenName(givenName).build();
  }

  /** A copy with another {@code familyName}; every other field is kept. */
  public IdentityAccountSpec withFamilyName(String familyName) {
    return toBuilder().familyName(familyName).build();
  }

  /** A copy with another {@code pictureUrl}; every other field is kept. */
  public IdentityAccountSpec withPictureUrl(String pictureUrl) {
    return toBuilder().pictureUrl(pictureUrl).build();
  }

  /** A copy with another {@code machineAccount}; every other field is kept. */
  public IdentityAccountSpec withMachineAccount(Boolean machineAccount) {
    return toBuilder().machineAccount(machineAccount).build();
  }

  /** A copy with another {@code unknownFields}; every other field is kept. */
  public IdentityAccountSpec withUnknownFields(Map<String, JsonNode> unknownFields) {
    return toBuilder().unknownFields(unknownFields).build();
  }

  /** Builds {@link IdentityAccountSpec} values; every setter is optional. */
  public static final class Builder {
    private String email;
    private String givenName;
    private String familyName;
    private String pictureUrl;
    private Boolean machineAccount;
    private Map<String, JsonNode> unknownFields;

    private Builder() {}

    private Builder(IdentityAccountSpec from) {
      email = from.email;
      givenName = from.givenName;
      familyName = from.familyName;
      pictureUrl = from.pictureUrl;
      machineAccount = from.machineAccount;
      unknownFields = from.unknownFields;
    }

    /** Sets {@code email}. */
    public Builder email(String value) {
      email = value;
      return this;
    }

    /** Sets {@code givenName}. */
    public Builder givenName(String value) {
      givenName = value;
      return this;
    }

    /** Sets {@code familyName}. */
    public Builder familyName(String value) {
      familyName = value;
      return this;
    }

    /** Sets {@code pictureUrl}. */
    public Builder pictureUrl(String value) {
      pictureUrl = value;
      return this;
    }

    /** Sets {@code machineAccount}. */
    public Builder machineAccount(Boolean value) {
      machineAccount = value;
      return this;
    }

    /** Sets {@code unknownFields}. */
    public Builder unknownFields(Map<String, JsonNode> value) {
      unknownFields = value;
      return this;
    }

    /** The value; lists and maps are copied, so later changes to them do not reach it. */
    public IdentityAccountSpec build() {
      return new IdentityAccountSpec(email, givenName, familyName, pictureUrl, machineAccount,
          unknownFields);
    }
  }
}
