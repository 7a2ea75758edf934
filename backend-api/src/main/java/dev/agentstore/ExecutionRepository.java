package dev.agentstore;

import dev.agentstore.model.ExecutionPhase;
import java.util.Optional;

/**
 * A repository of executions: a phase state machine plus appendable history whose write cost does
 * not grow with the history already stored.
 *
 * <p>Usage: {@code store.agentExecutions().transition(id, ExecutionPhase.IN_PROGRESS);}
 *
 * @param <R> the execution type
 */
public interface ExecutionRepository<R extends Resource<?, ?>> extends ResourceRepository<R> {

  /**
   * Moves the execution to {@code phase}. An illegal move raises
   * {@link FailedPreconditionException} and changes nothing. Reaching a terminal phase deletes
   * the execution's ExecutionContext in the same transaction.
   */
  R transition(String id, ExecutionPhase phase);

  /** The current phase, read without loading the history. */
  Optional<ExecutionPhase> phase(String id);
}
