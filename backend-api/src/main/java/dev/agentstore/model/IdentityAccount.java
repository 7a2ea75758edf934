package dev.agentstore.model;

import dev.agentstore.Kind;
import dev.agentstore.Metadata;
import dev.agentstore.Resource;

/**
 * The IdentityAccount resource: metadata, spec and status.
 *
 * <p>Usage:
 * <pre>{@code
 * IdentityAccount a = store.identityAccounts().create(IdentityAccount.builder().org(org)
 *     .name("Ada").email("ada@example.com").build());
 * }</pre>
 *
 * <p>The canonical constructor is for the codec; use {@link #builder()}.
 *
 * @param metadata identity, labels and the version token
 * @param spec what the caller wants
 * @param status what the system observed
 */
public record IdentityAccount(Metadata metadata, IdentityAccountSpec spec, GenericStatus status) implements Resource<IdentityAccountSpec, GenericStatus> {
  @Override
  public Kind kind() {
    return Kind.IDENTITY_ACCOUNT;
  }

  @Override
  public IdentityAccount withMetadata(Metadata m) {
    return new IdentityAccount(m, spec, status);
  }

  /** A copy with a new spec. */
  public IdentityAccount withSpec(IdentityAccountSpec s) {
    return new IdentityAccount(metadata, s, status);
  }

  /** A copy with a new status. */
  public IdentityAccount withStatus(GenericStatus s) {
    return new IdentityAccount(metadata, spec, s);
  }

  /** A copy with one label added or replaced. */
  public IdentityAccount withLabel(String key, String value) {
    return withMetadata(metadata.withLabel(key, value));
  }

  /** A builder for a new resource. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this resource's metadata, spec and status. */
  public Builder toBuilder() {
    return new Builder().metadata(metadata).spec(spec).status(status);
  }

  /**
   * Builds {@link IdentityAccount} resources: metadata setters from {@link ResourceBuilder}, setters
   * for the fields of the spec, and the whole spec or status.
   */
  public static final class Builder extends ResourceBuilder<Builder> {
    private IdentityAccountSpec.Builder spec = IdentityAccountSpec.builder();
    private GenericStatus status;

    private Builder() {}

    /** Replaces the whole spec (a null spec leaves an empty one). */
    public Builder spec(IdentityAccountSpec value) {
      spec = value == null ? IdentityAccountSpec.builder() : value.toBuilder();
      return this;
    }

    /** Sets the status. */
    public Builder status(GenericStatus value) {
      status = value;
      return this;
    }

    /** Sets {@code spec.email}. */
    public Builder email(String value) {
      spec.email(value);
      return this;
    }

    /** Sets {@code spec.givenName}. */
    public Builder givenName(String value) {
      spec.givenName(value);
      return this;
    }

    /** Sets {@code spec.familyName}. */
    public Builder familyName(String value) {
      spec.familyName(value);
      return this;
    }

    /** Sets {@code spec.pictureUrl}. */
    public Builder pictureUrl(String value) {
      spec.pictureUrl(value);
      return this;
    }

    /** Sets {@code spec.machineAccount}. */
    public Builder machineAccount(Boolean value) {
      spec.machineAccount(value);
      return this;
    }

    /** The resource. */
    public IdentityAccount build() {
      return new IdentityAccount(metadata(), spec.build(), status);
    }

    @Override
    protected Builder self() {
      return this;
    }
  }
}
