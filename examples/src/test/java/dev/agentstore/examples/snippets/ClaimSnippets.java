package dev.agentstore.examples.snippets;

import dev.agentstore.AgentStore;
import dev.agentstore.Claim;
import dev.agentstore.Lease;
import dev.agentstore.Query;
import dev.agentstore.model.ExecutionPhase;
import dev.agentstore.model.WorkflowExecution;
import java.time.Duration;
import java.util.List;

/** The Javadoc usage lines of work claiming, as compiled code (see JavadocSnippetsTest). */
@SuppressWarnings("unused")
abstract class ClaimSnippets {
  AgentStore store;
  Query due;
  String id;

  abstract void run(WorkflowExecution execution);

  void claim() {
    List<Claim<WorkflowExecution>> mine = store.workflowExecutions().claim(Query.builder().phase(ExecutionPhase.PENDING).build(), "worker-1", Duration.ofMinutes(5), 10);
    for (Claim<WorkflowExecution> c : store.workflowExecutions().claim(due, "scheduler-1", Duration.ofSeconds(30), 10)) { run(c.resource()); }
  }

  void renew() {
    Lease l = store.agentExecutions().renew(id, "worker-1", Duration.ofMinutes(5));
  }
}
