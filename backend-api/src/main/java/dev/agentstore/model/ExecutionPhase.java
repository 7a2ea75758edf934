package dev.agentstore.model;

import java.util.EnumSet;
import java.util.Set;

/**
 * The phase of an agent or workflow execution. PENDING may move to any other phase, IN_PROGRESS to
 * a terminal one; COMPLETED, FAILED and CANCELLED are terminal.
 *
 * <p>Usage: {@code store.agentExecutions().transition(id, ExecutionPhase.IN_PROGRESS);}
 */
public enum ExecutionPhase {
  PENDING,
  IN_PROGRESS,
  COMPLETED,
  FAILED,
  CANCELLED;

  /** Whether no move leaves this phase. */
  public boolean isTerminal() {
    return this == COMPLETED || this == FAILED || this == CANCELLED;
  }

  /** Whether an execution in this phase may move to {@code target}. */
  public boolean canMoveTo(ExecutionPhase target) {
    return switch (this) {
      case PENDING -> target != PENDING;
      case IN_PROGRESS -> target.isTerminal();
      default -> false;
    };
  }

  /** The phases from which a move to {@code target} is legal. */
  public static Set<ExecutionPhase> predecessorsOf(ExecutionPhase target) {
    Set<ExecutionPhase> from = EnumSet.noneOf(ExecutionPhase.class);
    for (ExecutionPhase p : values()) {
      if (p.canMoveTo(target)) {
        from.add(p);
      }
    }
    return from;
  }
}
