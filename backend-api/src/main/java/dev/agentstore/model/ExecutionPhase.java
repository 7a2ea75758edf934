package dev.agentstore.model;

import java.util.EnumSet;
import java.util.Set;

/**
 * The phase of an agent or workflow execution. PENDING may move to any other phase but WAITING;
 * IN_PROGRESS to WAITING or a terminal phase; WAITING (awaiting approval, blocked on a human; not
 * terminal) back to IN_PROGRESS or to a terminal phase; COMPLETED, FAILED and CANCELLED are
 * terminal. Every other move is illegal.
 *
 * <p>Usage: {@code store.agentExecutions().transition(id, ExecutionPhase.IN_PROGRESS);}
 */
public enum ExecutionPhase {
  PENDING,
  IN_PROGRESS,
  /** Not terminal: paused (awaiting approval, blocked on a human); resumes to IN_PROGRESS. */
  WAITING,
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
      case PENDING -> target != PENDING && target != WAITING;
      case IN_PROGRESS -> target == WAITING || target.isTerminal();
      case WAITING -> target == IN_PROGRESS || target.isTerminal();
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
