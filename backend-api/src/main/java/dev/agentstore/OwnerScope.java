package dev.agentstore;

/**
 * Who owns a resource: the platform, an organization, or a single identity account.
 *
 * <p>Usage: {@code Metadata.of(org, "bot").withOwnerScope(OwnerScope.IDENTITY_ACCOUNT)}
 */
public enum OwnerScope {
  PLATFORM,
  ORGANIZATION,
  IDENTITY_ACCOUNT
}
