package dev.agentstore.model;

import dev.agentstore.Kind;
import dev.agentstore.Metadata;
import dev.agentstore.Resource;
import java.time.Instant;

/**
 * The ApiKey resource: metadata, spec and status.
 *
 * <p>Usage:
 * <pre>{@code
 * ApiKey key = store.apiKeys().issue(org, "ci", null).key().withLabel("team", "infra");
 * }</pre>
 *
 * <p>The canonical constructor is for the codec; use {@link #builder()}.
 *
 * @param metadata identity, labels and the version token
 * @param spec what the caller wants
 * @param status what the system observed
 */
public record ApiKey(Metadata metadata, ApiKeySpec spec, ApiKeyStatus status) implements Resource<ApiKeySpec, ApiKeyStatus> {
  @Override
  public Kind kind() {
    return Kind.API_KEY;
  }

  @Override
  public ApiKey withMetadata(Metadata m) {
    return new ApiKey(m, spec, status);
  }

  /** A copy with a new spec. */
  public ApiKey withSpec(ApiKeySpec s) {
    return new ApiKey(metadata, s, status);
  }

  /** A copy with a new status. */
  public ApiKey withStatus(ApiKeyStatus s) {
    return new ApiKey(metadata, spec, s);
  }

  /** A copy with one label added or replaced. */
  public ApiKey withLabel(String key, String value) {
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
   * Builds {@link ApiKey} resources: metadata setters from {@link ResourceBuilder}, setters
   * for the fields of the spec, and the whole spec or status.
   */
  public static final class Builder extends ResourceBuilder<Builder> {
    private ApiKeySpec.Builder spec = ApiKeySpec.builder();
    private ApiKeyStatus status;

    private Builder() {}

    /** Replaces the whole spec (a null spec leaves an empty one). */
    public Builder spec(ApiKeySpec value) {
      spec = value == null ? ApiKeySpec.builder() : value.toBuilder();
      return this;
    }

    /** Sets the status. */
    public Builder status(ApiKeyStatus value) {
      status = value;
      return this;
    }

    /** Sets {@code spec.keyHash}. */
    public Builder keyHash(String value) {
      spec.keyHash(value);
      return this;
    }

    /** Sets {@code spec.fingerprint}. */
    public Builder fingerprint(String value) {
      spec.fingerprint(value);
      return this;
    }

    /** Sets {@code spec.identityAccountId}. */
    public Builder identityAccountId(String value) {
      spec.identityAccountId(value);
      return this;
    }

    /** Sets {@code spec.expiresAt}. */
    public Builder expiresAt(Instant value) {
      spec.expiresAt(value);
      return this;
    }

    /** The resource. */
    public ApiKey build() {
      return new ApiKey(metadata(), spec.build(), status);
    }

    @Override
    protected Builder self() {
      return this;
    }
  }
}
