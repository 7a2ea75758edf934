package dev.agentstore.model;

import dev.agentstore.Kind;
import dev.agentstore.Metadata;
import dev.agentstore.Resource;

/**
 * The Organization resource: metadata, spec and status.
 *
 * <p>Usage: {@code Organization r = store.organizations().create(new Organization(Metadata.of(org, "name"), spec, null));}
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
}
