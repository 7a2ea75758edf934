package dev.agentstore.model;

import dev.agentstore.Kind;
import dev.agentstore.Metadata;
import dev.agentstore.Resource;

/**
 * The Skill resource: metadata, spec and status.
 *
 * <p>Usage:
 * <pre>{@code
 * Skill s = store.skills().create(Skill.builder().org(org).name("deploy")
 *     .markdown("# How to deploy").build());
 * }</pre>
 *
 * <p>The canonical constructor is for the codec; use {@link #builder()}.
 *
 * @param metadata identity, labels and the version token
 * @param spec what the caller wants
 * @param status what the system observed
 */
public record Skill(Metadata metadata, SkillSpec spec, SkillStatus status) implements Resource<SkillSpec, SkillStatus> {
  @Override
  public Kind kind() {
    return Kind.SKILL;
  }

  @Override
  public Skill withMetadata(Metadata m) {
    return new Skill(m, spec, status);
  }

  /** A copy with a new spec. */
  public Skill withSpec(SkillSpec s) {
    return new Skill(metadata, s, status);
  }

  /** A copy with a new status. */
  public Skill withStatus(SkillStatus s) {
    return new Skill(metadata, spec, s);
  }

  /** A copy with one label added or replaced. */
  public Skill withLabel(String key, String value) {
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
   * Builds {@link Skill} resources: metadata setters from {@link ResourceBuilder}, setters
   * for the fields of the spec, and the whole spec or status.
   */
  public static final class Builder extends ResourceBuilder<Builder> {
    private SkillSpec.Builder spec = SkillSpec.builder();
    private SkillStatus status;

    private Builder() {}

    /** Replaces the whole spec (a null spec leaves an empty one). */
    public Builder spec(SkillSpec value) {
      spec = value == null ? SkillSpec.builder() : value.toBuilder();
      return this;
    }

    /** Sets the status. */
    public Builder status(SkillStatus value) {
      status = value;
      return this;
    }

    /** Sets {@code spec.markdown}. */
    public Builder markdown(String value) {
      spec.markdown(value);
      return this;
    }

    /** Sets {@code spec.tag}. */
    public Builder tag(String value) {
      spec.tag(value);
      return this;
    }

    /** The resource. */
    public Skill build() {
      return new Skill(metadata(), spec.build(), status);
    }

    @Override
    protected Builder self() {
      return this;
    }
  }
}
