package dev.agentstore;

import dev.agentstore.model.WorkflowExecution;
import dev.agentstore.model.WorkflowTask;

/**
 * Workflow executions: tasks are upserted as child rows, so a task update costs the same however
 * many tasks the execution already holds.
 *
 * <p>Usage: {@code store.workflowExecutions().upsertTask(id, WorkflowTask.pending("t1", "build", "RUN"));}
 */
public interface WorkflowExecutionRepository extends ExecutionRepository<WorkflowExecution> {

  /** Inserts or replaces (by id) a task in {@code status.tasks}; returns the new version. */
  long upsertTask(String id, WorkflowTask task);

  /**
   * Up to {@code limit} (1 to 1000) tasks with a sequence above {@code afterSequence}, in order
   * of first upsert; each item's key is the task's id (an upsert keeps the sequence).
   */
  java.util.List<CollectionItem<WorkflowTask>> tasks(String id, long afterSequence, int limit);

  /**
   * The tasks of every workflow execution this repository's view sees, across executions
   * ({@code status}, {@code name} and the {@code startedAt} range are indexed; see
   * {@link ExecutionItemQuery}).
   */
  ExecutionItems<WorkflowTask> tasksAcross();

  /** The executions of a workflow (by workflow id or workflow instance id). */
  Page<WorkflowExecution> listByWorkflow(String workflowOrInstanceId, Query query);
}
