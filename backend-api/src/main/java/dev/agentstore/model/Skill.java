package dev.agentstore.model;

import dev.agentstore.Kind;
import dev.agentstore.Metadata;
import dev.agentstore.Resource;

/**
 * The Skill resource: metadata, spec and status.
 *
 * <p>Usage: {@code Skill r = store.skills().create(new Skill(Metadata.of(org, "name"), spec, null));}
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
}
