package dev.agentstore.model;

import dev.agentstore.Kind;
import dev.agentstore.Metadata;
import dev.agentstore.Resource;

/**
 * The IdentityAccount resource: metadata, spec and status.
 *
 * <p>Usage: {@code IdentityAccount r = store.identityAccounts().create(new IdentityAccount(Metadata.of(org, "name"), spec, null));}
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
}
