package dev.agentstore.model;

import dev.agentstore.Metadata;
import dev.agentstore.OwnerScope;
import java.util.List;
import java.util.Map;

/**
 * The metadata half of every resource builder ({@code Agent.builder()}, {@code
 * Session.builder()}, ...), written once: each setter passes through to a {@link
 * Metadata.Builder}.
 *
 * <p>Usage: {@code Agent a = Agent.builder().org(org).name("Bot").label("env", "prod").build();}
 *
 * @param <B> the concrete builder, returned by every setter
 */
public abstract class ResourceBuilder<B extends ResourceBuilder<B>> {
  private Metadata.Builder metadata = Metadata.builder();

  /** For the builders of this package. */
  ResourceBuilder() {}

  /** The concrete builder. */
  protected abstract B self();

  /** The metadata built so far. */
  protected final Metadata metadata() {
    return metadata.build();
  }

  /** Replaces the whole metadata (a null one starts from empty metadata). */
  public B metadata(Metadata value) {
    metadata = value == null ? Metadata.builder() : value.toBuilder();
    return self();
  }

  /** Sets the owning organization's id. */
  public B org(String value) {
    metadata.org(value);
    return self();
  }

  /** Sets the human name (the slug is derived from it unless set). */
  public B name(String value) {
    metadata.name(value);
    return self();
  }

  /** Sets the slug. */
  public B slug(String value) {
    metadata.slug(value);
    return self();
  }

  /** Sets who owns the resource. */
  public B ownerScope(OwnerScope value) {
    metadata.ownerScope(value);
    return self();
  }

  /** Adds or replaces one label. */
  public B label(String key, String value) {
    metadata.label(key, value);
    return self();
  }

  /** Replaces all labels. */
  public B labels(Map<String, String> value) {
    metadata.labels(value);
    return self();
  }

  /** Adds or replaces one annotation. */
  public B annotation(String key, String value) {
    metadata.annotation(key, value);
    return self();
  }

  /** Replaces all annotations. */
  public B annotations(Map<String, String> value) {
    metadata.annotations(value);
    return self();
  }

  /** Replaces all tags. */
  public B tags(List<String> value) {
    metadata.tags(value);
    return self();
  }
}
