package dev.agentstore.model;

import dev.agentstore.Kind;
import dev.agentstore.Metadata;
import dev.agentstore.Resource;

/**
 * The IamPolicy resource: metadata, spec and status.
 *
 * <p>Usage:
 * <pre>{@code
 * IamPolicy p = store.iamPolicies().create(IamPolicy.builder().org(org).name("owner")
 *     .principal(who).resource(what).relation("owner").build());
 * }</pre>
 *
 * <p>The canonical constructor is for the codec; use {@link #builder()}.
 *
 * @param metadata identity, labels and the version token
 * @param spec what the caller wants
 * @param status what the system observed
 */
public record IamPolicy(Metadata metadata, IamPolicySpec spec, GenericStatus status) implements Resource<IamPolicySpec, GenericStatus> {
  @Override
  public Kind kind() {
    return Kind.IAM_POLICY;
  }

  @Override
  public IamPolicy withMetadata(Metadata m) {
    return new IamPolicy(m, spec, status);
  }

  /** A copy with a new spec. */
  public IamPolicy withSpec(IamPolicySpec s) {
    return new IamPolicy(metadata, s, status);
  }

  /** A copy with a new status. */
  public IamPolicy withStatus(GenericStatus s) {
    return new IamPolicy(metadata, spec, s);
  }

  /** A copy with one label added or replaced. */
  public IamPolicy withLabel(String key, String value) {
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
   * Builds {@link IamPolicy} resources: metadata setters from {@link ResourceBuilder}, setters
   * for the fields of the spec, and the whole spec or status.
   */
  public static final class Builder extends ResourceBuilder<Builder> {
    private IamPolicySpec.Builder spec = IamPolicySpec.builder();
    private GenericStatus status;

    private Builder() {}

    /** Replaces the whole spec (a null spec leaves an empty one). */
    public Builder spec(IamPolicySpec value) {
      spec = value == null ? IamPolicySpec.builder() : value.toBuilder();
      return this;
    }

    /** Sets the status. */
    public Builder status(GenericStatus value) {
      status = value;
      return this;
    }

    /** Sets {@code spec.principal}. */
    public Builder principal(ObjectRef value) {
      spec.principal(value);
      return this;
    }

    /** Sets {@code spec.resource}. */
    public Builder resource(ObjectRef value) {
      spec.resource(value);
      return this;
    }

    /** Sets {@code spec.relation}. */
    public Builder relation(String value) {
      spec.relation(value);
      return this;
    }

    /** The resource. */
    public IamPolicy build() {
      return new IamPolicy(metadata(), spec.build(), status);
    }

    @Override
    protected Builder self() {
      return this;
    }
  }
}
