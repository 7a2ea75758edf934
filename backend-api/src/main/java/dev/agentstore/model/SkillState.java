package dev.agentstore.model;

/**
 * The lifecycle of a skill package upload.
 *
 * <p>Usage: {@code new SkillStatus(hash, key, SkillState.READY)}
 */
public enum SkillState {
  UPLOADING,
  READY,
  FAILED
}
