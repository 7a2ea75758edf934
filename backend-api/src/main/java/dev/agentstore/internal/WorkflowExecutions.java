package dev.agentstore.internal;

import dev.agentstore.CollectionItem;
import dev.agentstore.ExecutionItems;
import dev.agentstore.Ids;
import dev.agentstore.InvalidArgumentException;
import dev.agentstore.Kind;
import dev.agentstore.Page;
import dev.agentstore.Query;
import dev.agentstore.RefField;
import dev.agentstore.ResourceType;
import dev.agentstore.WorkflowExecutionRepository;
import dev.agentstore.model.WorkflowExecution;
import dev.agentstore.model.WorkflowExecutionSpec;
import dev.agentstore.model.WorkflowExecutionStatus;
import dev.agentstore.model.WorkflowTask;

/**
 * Workflow executions: tasks upserted as child rows.
 *
 * <p>Usage: {@code store.workflowExecutions().upsertTask(id, task)}
 */
final class WorkflowExecutions
    extends ExecutionRepo<WorkflowExecution, WorkflowExecutionSpec, WorkflowExecutionStatus>
    implements WorkflowExecutionRepository {

  WorkflowExecutions(View view) {
    super(ResourceType.WORKFLOW_EXECUTION, view);
  }

  @Override
  public long upsertTask(String id, WorkflowTask task) {
    return upsert(id, ExecutionCollections.TASKS, task);
  }

  @Override
  public java.util.List<CollectionItem<WorkflowTask>> tasks(String id, long afterSequence,
      int limit) {
    return itemsAfter(id, ExecutionCollections.TASKS, afterSequence, limit, WorkflowTask.class);
  }

  @Override
  public ExecutionItems<WorkflowTask> tasksAcross() {
    return new ItemsAcross<>(view, kind, ExecutionCollections.TASKS, WorkflowTask.class);
  }

  @Override
  public Page<WorkflowExecution> listByWorkflow(String workflowOrInstanceId, Query query) {
    Kind k = Ids.requireAnyKind(workflowOrInstanceId, "workflowId");
    RefField field;
    if (k == Kind.WORKFLOW) {
      field = RefField.WORKFLOW_ID;
    } else if (k == Kind.WORKFLOW_INSTANCE) {
      field = RefField.WORKFLOW_INSTANCE_ID;
    } else {
      throw new InvalidArgumentException("workflowId: '" + workflowOrInstanceId
          + "' is neither a Workflow nor a WorkflowInstance id");
    }
    Query q = query == null ? Query.all() : query;
    return list(q.toBuilder().ref(field, workflowOrInstanceId).build());
  }
}
