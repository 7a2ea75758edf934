package dev.agentstore;

import java.util.Objects;

/**
 * A resource of a kind an application declared with a {@link KindDefinition}: the same envelope
 * as the built-in kinds, with the spec and status types the application chose (JSON trees, or
 * its own records read and written with Jackson).
 *
 * <p>Usage: {@code triggers.create(CustomResource.of(trigger, Metadata.of(org, "nightly"), spec));}
 *
 * @param kind the declared kind
 * @param metadata identity, labels and the version token
 * @param spec what the caller wants
 * @param status what the system observed, or null
 * @param <S> the spec type
 * @param <T> the status type
 */
public record CustomResource<S, T>(Kind kind, Metadata metadata, S spec, T status)
    implements Resource<S, T> {

  /** Checks that the kind is a declared one. */
  public CustomResource {
    Objects.requireNonNull(kind, "kind");
    if (kind.isBuiltIn()) {
      throw new InvalidArgumentException("kind: " + kind + " is built in; use its own record");
    }
  }

  /** A new resource of {@code definition}'s kind, without a status. */
  public static <S, T> CustomResource<S, T> of(KindDefinition definition, Metadata metadata,
      S spec) {
    return new CustomResource<>(definition.kind(), metadata, spec, null);
  }

  @Override
  public CustomResource<S, T> withMetadata(Metadata newMetadata) {
    return new CustomResource<>(kind, newMetadata, spec, status);
  }

  /** A copy with another spec. */
  public CustomResource<S, T> withSpec(S newSpec) {
    return new CustomResource<>(kind, metadata, newSpec, status);
  }

  /** A copy with another status. */
  public CustomResource<S, T> withStatus(T newStatus) {
    return new CustomResource<>(kind, metadata, spec, newStatus);
  }
}
