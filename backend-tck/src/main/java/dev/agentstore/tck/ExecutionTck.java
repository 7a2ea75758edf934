package dev.agentstore.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.agentstore.CollectionItem;
import dev.agentstore.FailedPreconditionException;
import dev.agentstore.InvalidArgumentException;
import dev.agentstore.Kind;
import dev.agentstore.Metadata;
import dev.agentstore.Page;
import dev.agentstore.Query;
import dev.agentstore.history.ChangeEvent;
import dev.agentstore.history.ResourceVersion;
import dev.agentstore.model.AgentExecution;
import dev.agentstore.model.AgentMessage;
import dev.agentstore.model.ExecutionContext;
import dev.agentstore.model.ExecutionContextSpec;
import dev.agentstore.model.ExecutionPhase;
import dev.agentstore.model.ExecutionValue;
import dev.agentstore.model.MessageType;
import dev.agentstore.model.TaskStatus;
import dev.agentstore.model.ToolCall;
import dev.agentstore.model.ToolCallStatus;
import dev.agentstore.model.WorkflowExecution;
import dev.agentstore.model.WorkflowTask;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Executions: the phase state machine (every legal and illegal move), appends and upserts of
 * messages, tool calls and tasks, ephemeral execution contexts, and listing by session or
 * workflow.
 *
 * <p>Usage: {@code class LocalExecutionTest extends ExecutionTck { ...newStoreBuilder()... }}
 */
public abstract class ExecutionTck extends TckSupport {

  @ParameterizedTest
  @EnumSource(ExecutionPhase.class)
  void everyMoveIsLegalOrRejectedWithNothingChanged(ExecutionPhase from) {
    String org = newOrg().id();
    for (ExecutionPhase to : ExecutionPhase.values()) {
      AgentExecution e = reach(newAgentExecution(store, org), from);
      long version = e.metadata().version();
      if (from.canMoveTo(to)) {
        AgentExecution moved = store.agentExecutions().transition(e.id(), to);
        assertThat(moved.status().phase()).isEqualTo(to);
        assertThat(moved.metadata().version()).isEqualTo(version + 1);
      } else {
        String id = e.id();
        assertThatThrownBy(() -> store.agentExecutions().transition(id, to))
            .isInstanceOf(FailedPreconditionException.class).hasMessageContaining(id);
        AgentExecution after = store.agentExecutions().get(id).orElseThrow();
        assertThat(after.status().phase()).isEqualTo(from);
        assertThat(after.metadata().version()).isEqualTo(version);
      }
    }
  }

  /** Moves a new execution to {@code phase} by legal moves (WAITING through IN_PROGRESS). */
  private AgentExecution reach(AgentExecution e, ExecutionPhase phase) {
    if (phase == ExecutionPhase.PENDING) {
      return e;
    }
    if (phase == ExecutionPhase.WAITING) {
      e = store.agentExecutions().transition(e.id(), ExecutionPhase.IN_PROGRESS);
    }
    return store.agentExecutions().transition(e.id(), phase);
  }

  /**
   * The phase machine as a table, written out rather than derived from canMoveTo: for every
   * (from, to) pair, on agent and workflow executions, through transition and through
   * updateStatus, a legal move succeeds and an illegal one is FailedPreconditionException with
   * nothing changed. WAITING is reachable only from IN_PROGRESS and leaves only to IN_PROGRESS
   * or a terminal phase.
   */
  @ParameterizedTest
  @CsvSource(delimiter = ';', value = {
      "PENDING; IN_PROGRESS COMPLETED FAILED CANCELLED",
      "IN_PROGRESS; WAITING COMPLETED FAILED CANCELLED",
      "WAITING; IN_PROGRESS COMPLETED FAILED CANCELLED",
      "COMPLETED; ''",
      "FAILED; ''",
      "CANCELLED; ''",
  })
  void phaseMovesFollowTheTable(ExecutionPhase from, String legalTargets) {
    java.util.Set<ExecutionPhase> legal = java.util.EnumSet.noneOf(ExecutionPhase.class);
    for (String t : legalTargets.trim().split(" +")) {
      if (!t.isEmpty()) {
        legal.add(ExecutionPhase.valueOf(t));
      }
    }
    assertThat(ExecutionPhase.values()).hasSize(6);
    String org = newOrg().id();
    for (ExecutionPhase to : ExecutionPhase.values()) {
      if (to == from) {
        continue;
      }
      assertThat(from.canMoveTo(to)).as(from + " -> " + to).isEqualTo(legal.contains(to));
      // agent execution, by transition
      AgentExecution e = reach(newAgentExecution(store, org), from);
      movesOrRefuses(e.id(), e.metadata().version(), from, to, legal.contains(to),
          () -> store.agentExecutions().transition(e.id(), to).status().phase(),
          () -> store.agentExecutions().get(e.id()).orElseThrow(),
          () -> store.agentExecutions().phase(e.id()).orElseThrow());
      // agent execution, through the status subresource
      AgentExecution s = reach(newAgentExecution(store, org), from);
      movesOrRefuses(s.id(), s.metadata().version(), from, to, legal.contains(to),
          () -> store.agentExecutions().updateStatus(s.withStatus(s.status().withPhase(to)))
              .status().phase(),
          () -> store.agentExecutions().get(s.id()).orElseThrow(),
          () -> store.agentExecutions().phase(s.id()).orElseThrow());
      // workflow execution, by transition
      WorkflowExecution w = newWorkflowExecution(store, org);
      if (from == ExecutionPhase.WAITING) {
        store.workflowExecutions().transition(w.id(), ExecutionPhase.IN_PROGRESS);
      }
      WorkflowExecution wf = from == ExecutionPhase.PENDING ? w
          : store.workflowExecutions().transition(w.id(), from);
      movesOrRefuses(wf.id(), wf.metadata().version(), from, to, legal.contains(to),
          () -> store.workflowExecutions().transition(wf.id(), to).status().phase(),
          () -> store.workflowExecutions().get(wf.id()).orElseThrow(),
          () -> store.workflowExecutions().phase(wf.id()).orElseThrow());
    }
  }

  private void movesOrRefuses(String id, long version, ExecutionPhase from, ExecutionPhase to,
      boolean legal, java.util.function.Supplier<ExecutionPhase> move,
      java.util.function.Supplier<? extends dev.agentstore.Resource<?, ?>> read,
      java.util.function.Supplier<ExecutionPhase> phaseNow) {
    if (legal) {
      assertThat(move.get()).as(from + " -> " + to).isEqualTo(to);
      assertThat(read.get().metadata().version()).isEqualTo(version + 1);
    } else {
      assertThatThrownBy(move::get).as(from + " -> " + to)
          .isInstanceOf(FailedPreconditionException.class).hasMessageContaining(id)
          .hasMessageContaining(from.name());
      assertThat(read.get().metadata().version()).isEqualTo(version);
      assertThat(phaseNow.get()).isEqualTo(from);
    }
  }

  /** WAITING is not terminal: the context (and its secrets) stays; a terminal move deletes it. */
  @Test
  void waitingKeepsTheExecutionContextUntilATerminalPhase() {
    String org = newOrg().id();
    AgentExecution e = newAgentExecution(store, org);
    ExecutionContext ctx = store.executionContexts().create(new ExecutionContext(
        Metadata.of(org, unique("ctx")), ExecutionContextSpec.builder().executionId(e.id())
            .data(Map.of("TOKEN", ExecutionValue.secret("s3cr3t"))).build(), null));
    store.agentExecutions().transition(e.id(), ExecutionPhase.IN_PROGRESS);
    store.agentExecutions().transition(e.id(), ExecutionPhase.WAITING);
    assertThat(store.executionContexts().get(ctx.id())).isPresent();
    store.agentExecutions().transition(e.id(), ExecutionPhase.IN_PROGRESS);
    store.agentExecutions().transition(e.id(), ExecutionPhase.WAITING);
    assertThat(store.agentExecutions().list(Query.builder().org(org)
        .phase(ExecutionPhase.WAITING).build()).items()).extracting(AgentExecution::id)
        .containsExactly(e.id());
    store.agentExecutions().transition(e.id(), ExecutionPhase.FAILED);
    assertThat(store.executionContexts().get(ctx.id())).isEmpty();
  }

  @Test
  void phaseIsAlsoEnforcedThroughUpdateStatus() {
    String org = newOrg().id();
    AgentExecution e = newAgentExecution(store, org);
    AgentExecution done = store.agentExecutions().transition(e.id(), ExecutionPhase.COMPLETED);
    var back = done.status().withPhase(ExecutionPhase.IN_PROGRESS);
    assertThatThrownBy(() -> store.agentExecutions().updateStatus(done.withStatus(back)))
        .isInstanceOf(FailedPreconditionException.class);
    assertThat(store.agentExecutions().phase(e.id())).contains(ExecutionPhase.COMPLETED);
  }

  @Test
  void transitionStampsStartAndCompletion() {
    String org = newOrg().id();
    AgentExecution e = newAgentExecution(store, org);
    AgentExecution running = store.agentExecutions().transition(e.id(),
        ExecutionPhase.IN_PROGRESS);
    assertThat(running.status().startedAt()).isNotNull();
    assertThat(running.status().completedAt()).isNull();
    AgentExecution failed = store.agentExecutions().transition(e.id(), ExecutionPhase.FAILED);
    assertThat(failed.status().completedAt()).isNotNull();
    assertThat(failed.status().startedAt()).isEqualTo(running.status().startedAt());
  }

  /** What transition and updateStatus return holds the items as stored, whatever they wrote. */
  @Test
  void statusWritesReturnTheStoredItems() {
    String org = newOrg().id();
    AgentExecution e = newAgentExecution(store, org);
    store.agentExecutions().appendMessages(e.id(), AgentMessage.of(MessageType.AI, "one",
        Instant.EPOCH), AgentMessage.of(MessageType.AI, "two", Instant.EPOCH));
    store.agentExecutions().upsertToolCall(e.id(), ToolCall.pending("c1", "ls", null));
    AgentExecution moved = store.agentExecutions().transition(e.id(), ExecutionPhase.IN_PROGRESS);
    assertThat(moved.status().messages()).extracting(AgentMessage::content)
        .containsExactly("one", "two");
    assertThat(moved.status().toolCalls()).extracting(ToolCall::id).containsExactly("c1");
    assertThat(moved).isEqualTo(store.agentExecutions().get(e.id()).orElseThrow());
    AgentExecution replaced = store.agentExecutions().updateStatus(moved.withStatus(
        moved.status().withMessages(List.of(AgentMessage.of(MessageType.AI, "only",
            Instant.EPOCH)))));
    assertThat(replaced.status().messages()).extracting(AgentMessage::content)
        .containsExactly("only");
    assertThat(replaced).isEqualTo(store.agentExecutions().get(e.id()).orElseThrow());
  }

  /**
   * A status write usually carries the collections it read back unchanged: they stay as stored,
   * while a collection that did change is stored as written, in the same write.
   */
  @Test
  void statusWritesKeepUnchangedCollectionsAndStoreChangedOnes() {
    String org = newOrg().id();
    AgentExecution e = newAgentExecution(store, org);
    var args = JsonNodeFactory.instance.objectNode().put("cost", new java.math.BigDecimal("0.1"))
        .put("big", 9_007_199_254_740_993L).put("name", "ls -la");
    store.agentExecutions().appendMessages(e.id(), AgentMessage.of(MessageType.HUMAN, "one",
        Instant.EPOCH), AgentMessage.of(MessageType.AI, "two", Instant.EPOCH.plusSeconds(1)));
    store.agentExecutions().upsertToolCall(e.id(), ToolCall.pending("c1", "ls", args));
    store.agentExecutions().upsertToolCall(e.id(), ToolCall.pending("c2", "cat", null));
    AgentExecution read = store.agentExecutions().get(e.id()).orElseThrow();

    AgentExecution moved = store.agentExecutions().updateStatus(read.withStatus(
        read.status().withPhase(ExecutionPhase.IN_PROGRESS)));
    AgentExecution back = store.agentExecutions().get(e.id()).orElseThrow();
    assertThat(moved).isEqualTo(back);
    assertThat(back.status().messages()).isEqualTo(read.status().messages());
    assertThat(back.status().toolCalls()).isEqualTo(read.status().toolCalls());
    assertThat(back.status().toolCalls().get(0).args()).isEqualTo(args);

    ToolCall done = back.status().toolCalls().get(0).withStatus(ToolCallStatus.COMPLETED)
        .withResult("a b c");
    AgentExecution changed = store.agentExecutions().updateStatus(back.withStatus(
        back.status().withToolCalls(List.of(done))));
    AgentExecution after = store.agentExecutions().get(e.id()).orElseThrow();
    assertThat(changed).isEqualTo(after);
    assertThat(after.status().toolCalls()).containsExactly(done);
    assertThat(after.status().messages()).isEqualTo(read.status().messages());
  }

  @Test
  void messagesAppendInOrderAndBumpTheVersion() {
    String org = newOrg().id();
    AgentExecution e = newAgentExecution(store, org);
    Instant t = Instant.parse("2025-01-11T14:30:00Z");
    long v1 = store.agentExecutions().appendMessages(e.id(),
        AgentMessage.of(MessageType.HUMAN, "Deploy to production", t));
    long v2 = store.agentExecutions().appendMessages(e.id(), List.of(
        AgentMessage.of(MessageType.AI, "Checking status", t.plusSeconds(1)),
        AgentMessage.of(MessageType.TOOL, "Pod status: 3 running", t.plusSeconds(3))));
    assertThat(v1).isEqualTo(e.metadata().version() + 1);
    assertThat(v2).isEqualTo(v1 + 1);
    AgentExecution back = store.agentExecutions().get(e.id()).orElseThrow();
    assertThat(back.metadata().version()).isEqualTo(v2);
    assertThat(back.status().messages()).extracting(AgentMessage::content)
        .containsExactly("Deploy to production", "Checking status", "Pod status: 3 running");
    assertThat(back.status().messages().get(0).timestamp()).isEqualTo(t);
  }

  /**
   * Sequences run 1, 2, 3, ... without a gap or a repeat through every way of adding items:
   * one append larger than a statement's bind limit (SQLite splits it), single appends, keyed
   * appends (which return their sequence) and first upserts of tool calls.
   */
  @Test
  void sequencesAreDenseAcrossLargeAppendsKeyedAppendsAndUpserts() {
    String org = newOrg().id();
    AgentExecution e = newAgentExecution(store, org);
    var executions = store.agentExecutions();
    List<AgentMessage> many = new ArrayList<>();
    for (int i = 1; i <= 250; i++) {
      many.add(AgentMessage.of(MessageType.AI, "m" + i, Instant.EPOCH.plusSeconds(i)));
    }
    executions.appendMessages(e.id(), many);
    executions.appendMessages(e.id(), AgentMessage.of(MessageType.AI, "m251", Instant.EPOCH));
    CollectionItem<AgentMessage> keyed = executions.appendMessage(e.id(), "k-252",
        AgentMessage.of(MessageType.HUMAN, "m252", Instant.EPOCH));
    assertThat(keyed.sequence()).isEqualTo(252);
    executions.appendMessages(e.id(), List.of(
        AgentMessage.of(MessageType.AI, "m253", Instant.EPOCH),
        AgentMessage.of(MessageType.AI, "m254", Instant.EPOCH)));
    List<CollectionItem<AgentMessage>> stored = new ArrayList<>();
    for (long after = 0; ; ) {
      List<CollectionItem<AgentMessage>> page = executions.messages(e.id(), after, 100);
      if (page.isEmpty()) {
        break;
      }
      stored.addAll(page);
      after = page.get(page.size() - 1).sequence();
    }
    assertThat(stored).hasSize(254);
    for (int i = 0; i < stored.size(); i++) {
      assertThat(stored.get(i).sequence()).isEqualTo(i + 1);
      assertThat(stored.get(i).item().content()).isEqualTo("m" + (i + 1));
    }
    assertThat(stored.get(251).key()).isEqualTo("k-252");

    executions.upsertToolCall(e.id(), ToolCall.pending("call-a", "kubectl", null));
    executions.upsertToolCall(e.id(), ToolCall.pending("call-b", "helm", null));
    executions.upsertToolCall(e.id(), ToolCall.pending("call-a", "kubectl", null)
        .finished(ToolCallStatus.COMPLETED, "ok", Instant.EPOCH));
    executions.upsertToolCall(e.id(), ToolCall.pending("call-c", "git", null));
    assertThat(executions.toolCalls(e.id(), 0, 10))
        .extracting(CollectionItem::sequence, CollectionItem::key)
        .containsExactly(tuple(1L, "call-a"),
            tuple(2L, "call-b"),
            tuple(3L, "call-c"));
  }

  @Test
  void appendsAreRecordedAsOnlyTheAppendedItems() {
    String org = newOrg().id();
    AgentExecution e = newAgentExecution(store, org);
    for (int i = 0; i < 20; i++) {
      store.agentExecutions().appendMessages(e.id(),
          AgentMessage.of(MessageType.AI, "m" + i, Instant.EPOCH));
    }
    List<ResourceVersion> history = store.history().list(e.id());
    ResourceVersion last = history.get(history.size() - 1);
    assertThat(last.event()).isEqualTo(ChangeEvent.APPENDED);
    assertThat(last.snapshot().get("messages")).hasSize(1);
    assertThat(last.snapshot().get("messages").get(0).get("content").asText()).isEqualTo("m19");
  }

  @Test
  void toolCallsUpsertByIdInPlace() {
    String org = newOrg().id();
    AgentExecution e = newAgentExecution(store, org);
    var args = JsonNodeFactory.instance.objectNode().put("namespace", "prod");
    store.agentExecutions().upsertToolCall(e.id(), ToolCall.pending("call-1", "kubectl", args));
    store.agentExecutions().upsertToolCall(e.id(), ToolCall.pending("call-2", "helm", null));
    store.agentExecutions().upsertToolCall(e.id(), ToolCall.pending("call-1", "kubectl", args)
        .finished(ToolCallStatus.COMPLETED, "3 pods", Instant.EPOCH));
    AgentExecution back = store.agentExecutions().get(e.id()).orElseThrow();
    assertThat(back.status().toolCalls()).extracting(ToolCall::id)
        .containsExactly("call-1", "call-2");
    assertThat(back.status().toolCalls().get(0).status()).isEqualTo(ToolCallStatus.COMPLETED);
    assertThat(back.status().toolCalls().get(0).result()).isEqualTo("3 pods");
    assertThat(back.status().toolCalls().get(0).args().get("namespace").asText())
        .isEqualTo("prod");
  }

  @Test
  void tasksUpsertByIdInPlace() {
    String org = newOrg().id();
    WorkflowExecution w = newWorkflowExecution(store, org);
    store.workflowExecutions().upsertTask(w.id(), WorkflowTask.pending("t1", "validate", "CALL"));
    store.workflowExecutions().upsertTask(w.id(), WorkflowTask.pending("t2", "deploy", "RUN"));
    var out = JsonNodeFactory.instance.objectNode().put("valid", true);
    store.workflowExecutions().upsertTask(w.id(), WorkflowTask.pending("t1", "validate", "CALL")
        .finished(TaskStatus.COMPLETED, out, Instant.EPOCH));
    WorkflowExecution back = store.workflowExecutions().get(w.id()).orElseThrow();
    assertThat(back.status().tasks()).extracting(WorkflowTask::id).containsExactly("t1", "t2");
    assertThat(back.status().tasks().get(0).output().get("valid").asBoolean()).isTrue();
    assertThat(back.status().tasks().get(0).status()).isEqualTo(TaskStatus.COMPLETED);
  }

  @Test
  void finishedExecutionsRefuseAppends() {
    String org = newOrg().id();
    AgentExecution e = newAgentExecution(store, org);
    store.agentExecutions().transition(e.id(), ExecutionPhase.CANCELLED);
    assertThatThrownBy(() -> store.agentExecutions().appendMessages(e.id(),
        AgentMessage.of(MessageType.AI, "late", Instant.EPOCH)))
        .isInstanceOf(FailedPreconditionException.class);
    assertThat(store.agentExecutions().get(e.id()).orElseThrow().status().messages()).isEmpty();
  }

  @Test
  void badAppendsAreRejected() {
    String org = newOrg().id();
    AgentExecution e = newAgentExecution(store, org);
    assertThatThrownBy(() -> store.agentExecutions().appendMessages(e.id(), List.of()))
        .isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> store.agentExecutions().upsertToolCall(e.id(),
        ToolCall.pending(" ", "x", null))).isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("id");
    assertThat(store.agentExecutions().get(e.id()).orElseThrow().metadata().version())
        .isEqualTo(e.metadata().version());
  }

  @ParameterizedTest
  @EnumSource(value = ExecutionPhase.class, names = {"COMPLETED", "FAILED", "CANCELLED"})
  void terminalPhaseDeletesTheExecutionContext(ExecutionPhase terminal) {
    String org = newOrg().id();
    AgentExecution e = newAgentExecution(store, org);
    ExecutionContext ctx = store.executionContexts().create(new ExecutionContext(
        Metadata.of(org, unique("ctx")), ExecutionContextSpec.builder().executionId(e.id())
            .data(Map.of("REGION", ExecutionValue.plain("eu"))).build(), null));
    store.agentExecutions().transition(e.id(), ExecutionPhase.IN_PROGRESS);
    assertThat(store.executionContexts().get(ctx.id())).isPresent();
    store.agentExecutions().transition(e.id(), terminal);
    assertThat(store.executionContexts().get(ctx.id())).isEmpty();
    assertThat(store.history().list(ctx.id())).extracting(ResourceVersion::event)
        .contains(ChangeEvent.DELETED);
    assertThat(store.history().list(ctx.id())).as("recorded as the context's kind")
        .extracting(ResourceVersion::kind).containsOnly(Kind.EXECUTION_CONTEXT);
  }

  /**
   * An ExecutionContext for a finished execution is refused (it would never be deleted, so its
   * secrets would stay), agent or workflow execution alike, and one without an execution is bad
   * input; nothing is written.
   */
  @ParameterizedTest
  @EnumSource(value = ExecutionPhase.class, names = {"COMPLETED", "FAILED", "CANCELLED"})
  void aContextForAFinishedExecutionIsRefused(ExecutionPhase terminal) {
    String org = newOrg().id();
    AgentExecution run = newAgentExecution(store, org);
    store.agentExecutions().transition(run.id(), terminal);
    WorkflowExecution flow = newWorkflowExecution(store, org);
    store.workflowExecutions().transition(flow.id(), terminal);
    for (String execution : List.of(run.id(), flow.id())) {
      ExecutionContext late = new ExecutionContext(Metadata.of(org, unique("late")),
          ExecutionContextSpec.builder().executionId(execution)
              .data(Map.of("TOKEN", ExecutionValue.secret("s3cr3t"))).build(), null);
      assertThatThrownBy(() -> store.executionContexts().create(late))
          .isInstanceOf(FailedPreconditionException.class).hasMessageContaining(execution)
          .hasMessageContaining(terminal.name()).hasMessageNotContaining("s3cr3t");
      assertThatThrownBy(() -> store.forOrg(org).executionContexts().apply(late))
          .isInstanceOf(FailedPreconditionException.class);
    }
    assertThat(store.executionContexts().count(Query.builder().org(org).build())).isZero();
    assertThatThrownBy(() -> store.executionContexts().create(new ExecutionContext(
        Metadata.of(org, unique("orphan")), ExecutionContextSpec.builder()
            .data(Map.of("K", ExecutionValue.plain("v"))).build(), null)))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("spec.executionId");
    assertThat(store.executionContexts().count(Query.builder().org(org).build())).isZero();
  }

  /** Moving a context to a finished execution is refused too, and the context is unchanged. */
  @Test
  void aContextCannotMoveToAFinishedExecution() {
    String org = newOrg().id();
    AgentExecution live = newAgentExecution(store, org);
    AgentExecution done = newAgentExecution(store, org);
    store.agentExecutions().transition(done.id(), ExecutionPhase.COMPLETED);
    ExecutionContext ctx = store.executionContexts().create(new ExecutionContext(
        Metadata.of(org, unique("ctx")), ExecutionContextSpec.builder().executionId(live.id())
            .data(Map.of("K", ExecutionValue.plain("v"))).build(), null));
    assertThatThrownBy(() -> store.executionContexts().update(ctx.withSpec(ctx.spec()
        .withExecutionId(done.id())))).isInstanceOf(FailedPreconditionException.class)
        .hasMessageContaining(done.id());
    assertThat(store.executionContexts().get(ctx.id())).contains(ctx);
  }

  @Test
  void listBySessionAndByWorkflow() {
    String org = newOrg().id();
    AgentExecution first = newAgentExecution(store, org);
    String agentId = first.spec().agentId();
    newAgentExecution(store, org, first.spec().sessionId(), agentId);
    newAgentExecution(store, org); // another session
    Page<AgentExecution> bySession = store.agentExecutions()
        .listBySession(first.spec().sessionId(), Query.all());
    assertThat(bySession.items()).hasSize(2)
        .allMatch(x -> x.spec().sessionId().equals(first.spec().sessionId()));

    WorkflowExecution w = newWorkflowExecution(store, org);
    newWorkflowExecution(store, org);
    assertThat(store.workflowExecutions().listByWorkflow(w.spec().workflowId(), Query.all())
        .items()).extracting(WorkflowExecution::id).containsExactly(w.id());
    assertThat(store.workflowExecutions().listByWorkflow(w.spec().workflowInstanceId(),
        Query.all()).items()).extracting(WorkflowExecution::id).containsExactly(w.id());
  }

  @Test
  void filterByPhaseSeesOnlyThatPhase() {
    String org = newOrg().id();
    List<String> running = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      AgentExecution e = newAgentExecution(store, org);
      if (i % 2 == 0) {
        store.agentExecutions().transition(e.id(), ExecutionPhase.IN_PROGRESS);
        running.add(e.id());
      }
    }
    Query q = Query.builder().org(org).phase(ExecutionPhase.IN_PROGRESS).build();
    assertThat(store.agentExecutions().list(q).items()).extracting(AgentExecution::id)
        .containsExactlyElementsOf(running);
    assertThat(store.agentExecutions().count(q)).isEqualTo(3);
  }

  @Test
  void appendCostDoesNotReadTheHistory() {
    // A long history must not change what an append returns or how the row is stored: the
    // parent's status JSON stays the same size however many messages exist.
    String org = newOrg().id();
    AgentExecution e = newAgentExecution(store, org);
    List<AgentMessage> batch = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      batch.add(AgentMessage.of(MessageType.AI, "message " + i,
          Instant.EPOCH.plus(i, ChronoUnit.SECONDS)));
    }
    store.agentExecutions().appendMessages(e.id(), batch);
    String statusBefore = backendOf(store).read(tx -> tx.find(e.kind(), e.id())).orElseThrow()
        .statusJson();
    store.agentExecutions().appendMessages(e.id(),
        AgentMessage.of(MessageType.AI, "one more", Instant.EPOCH));
    String statusAfter = backendOf(store).read(tx -> tx.find(e.kind(), e.id())).orElseThrow()
        .statusJson();
    assertThat(statusAfter).isEqualTo(statusBefore).doesNotContain("message 1");
    assertThat(store.agentExecutions().get(e.id()).orElseThrow().status().messages())
        .hasSize(501);
  }
}
