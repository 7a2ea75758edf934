package dev.agentstore.model;

/**
 * The lifecycle of a skill package upload.
 *
 * <p>Usage: {@code SkillStatus s = skill.status().withState(SkillState.READY);}
 */
public enum SkillState {
  UPLOADING,
  READY,
  FAILED
}
