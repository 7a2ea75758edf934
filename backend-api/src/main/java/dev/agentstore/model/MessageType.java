package dev.agentstore.model;

/**
 * Who produced an agent message.
 *
 * <p>Usage: {@code AgentMessage.of(MessageType.AI, text, now)}
 */
public enum MessageType {
  HUMAN,
  AI,
  TOOL,
  SYSTEM
}
