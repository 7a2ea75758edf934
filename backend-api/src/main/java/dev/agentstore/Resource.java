package dev.agentstore;

import dev.agentstore.model.Agent;

/**
 * A stored resource: the envelope {@code {apiVersion, kind, metadata, spec, status}}. Each kind
 * has its own record implementing this interface (for example {@link Agent}).
 *
 * <p>Usage: {@code long v = agent.metadata().version();}
 *
 * @param <S> the spec type
 * @param <T> the status type
 */
public interface Resource<S, T> {
  /** The API version written in every envelope. */
  String API_VERSION = "agentstore.dev/v1";

  /** The kind of this resource. */
  Kind kind();

  /** Identity, labels and the version token. */
  Metadata metadata();

  /** What the caller wants. */
  S spec();

  /** What the system observed; may be null before anything was observed. */
  T status();

  /** A copy of this resource with other metadata. */
  Resource<S, T> withMetadata(Metadata metadata);

  /** The id, a shortcut for {@code metadata().id()}. */
  default String id() {
    return metadata() == null ? null : metadata().id();
  }
}
