package dev.agentstore.model;

import dev.agentstore.Kind;
import dev.agentstore.Metadata;
import dev.agentstore.Resource;

/**
 * The Organization resource: metadata, spec and status.
 *
 * <p>Usage:
 * <pre>{@code
 * Organization o = store.organizations().create(Organization.builder().name("Acme")
 *     .description("Acme Inc.").build());
 * }</pre>
 *
 * <p>The canonical constructor is for the codec; use {@link #builder()}.
 *
 * @param metadata identity, labels and the version token
 * @param spec what the caller wants
 * @param status what the system observed
 */
public record Organization(Metadata metadata, OrganizationSpec spec, GenericStatus status) implements Resource<OrganizationSpec, GenericStatus> {
  @Override
  public Kind kind() {
    return Kind.ORGANIZATION;
  }

  @Override
  public Organization withMetadata(Metadata m) {
    return new Organization(m, spec, status);
  }

  /** A copy with a new spec. */
  public Organization withSpec(OrganizationSpec s) {
    return new Organization(metadata, s, status);
  }

  /** A copy with a new status. */
  public Organization withStatus(GenericStatus s) {
    return new Organization(metadata, spec, s);
  }

  /** A copy with one label added or replaced. */
  public Organization withLabel(String key, String value) {
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
   * Builds {@link Organization} resources: metadata setters from {@link ResourceBuilder}, setters
   * for the fields of the spec, and the whole spec or status.
   */
  public static final class Builder extends ResourceBuilder<Builder> {
    private OrganizationSpec.Builder spec = OrganizationSpec.builder();
    private GenericStatus status;

    private Builder() {}

    /** Replaces the whole spec (a null spec leaves an empty one). */
    public Builder spec(OrganizationSpec value) {
      spec = value == null ? OrganizationSpec.builder() : value.toBuilder();
      return this;
    }

    /** Sets the status. */
    public Builder status(GenericStatus value) {
      status = value;
      return this;
    }

    /** Sets {@code spec.description}. */
    public Builder description(String value) {
      spec.description(value);
      return this;
    }

    /** Sets {@code spec.logoUrl}. */
    public Builder logoUrl(String value) {
      spec.logoUrl(value);
      return this;
    }

    /** The resource. */
    public Organization build() {
      return new Organization(metadata(), spec.build(), status);
    }

    @Override
    protected Builder self() {
      return this;
    }
  }
}
