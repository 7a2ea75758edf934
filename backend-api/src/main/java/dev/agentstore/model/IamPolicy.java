package dev.agentstore.model;

import dev.agentstore.Kind;
import dev.agentstore.Metadata;
import dev.agentstore.Resource;

/**
 * The IamPolicy resource: metadata, spec and status.
 *
 * <p>Usage: {@code IamPolicy r = store.iamPolicies().create(new IamPolicy(Metadata.of(org, "name"), spec, null));}
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
}
