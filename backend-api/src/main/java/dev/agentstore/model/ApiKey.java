package dev.agentstore.model;

import dev.agentstore.Kind;
import dev.agentstore.Metadata;
import dev.agentstore.Resource;

/**
 * The ApiKey resource: metadata, spec and status.
 *
 * <p>Usage: {@code ApiKey r = store.apiKeys().create(new ApiKey(Metadata.of(org, "name"), spec, null));}
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
}
