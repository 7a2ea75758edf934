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

  /** The executions of a workflow (by workflow id or workflow instance id). */
  Page<WorkflowExecution> listByWorkflow(String workflowOrInstanceId, Query query);
}
