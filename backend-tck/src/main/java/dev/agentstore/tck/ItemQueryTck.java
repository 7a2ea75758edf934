package dev.agentstore.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.agentstore.AggregateResult;
import dev.agentstore.Aggregation;
import dev.agentstore.AgentStore;
import dev.agentstore.ExecutionItem;
import dev.agentstore.ExecutionItemQuery;
import dev.agentstore.ExecutionItems;
import dev.agentstore.InvalidArgumentException;
import dev.agentstore.Page;
import dev.agentstore.Query;
import dev.agentstore.RefField;
import dev.agentstore.model.AgentExecution;
import dev.agentstore.model.AgentMessage;
import dev.agentstore.model.ExecutionPhase;
import dev.agentstore.model.MessageType;
import dev.agentstore.model.Session;
import dev.agentstore.model.TaskStatus;
import dev.agentstore.model.ToolCall;
import dev.agentstore.model.ToolCallStatus;
import dev.agentstore.model.WorkflowExecution;
import dev.agentstore.model.WorkflowTask;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Execution items across executions ({@code toolCallsAcross()}, {@code messagesAcross()},
 * {@code tasksAcross()}): item filters (status, name, time range, error present, other item
 * fields) joined to the executions' filters (org, agent, phase, labels), keyset pages over equal
 * times without duplicates or gaps, tenant views, exact aggregates, bad input named by field,
 * and the items of deleted executions gone.
 *
 * <p>Usage: {@code class LocalItemQueryTest extends ItemQueryTck { ... newStoreBuilder() ... }}
 */
public abstract class ItemQueryTck extends TckSupport {
  private static final JsonNodeFactory NF = JsonNodeFactory.withExactBigDecimals(true);
  private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

  private static ToolCall call(String id, String name, ToolCallStatus status, Instant started,
      Map<String, JsonNode> extra) {
    return ToolCall.builder().id(id).name(name).status(status).startedAt(started)
        .args(NF.objectNode().put("q", id)).unknownFields(extra).build();
  }

  private static ToolCall call(String id, String name, ToolCallStatus status, Instant started) {
    return call(id, name, status, started, Map.of());
  }

  private static String agentOf(AgentStore s, Session session) {
    return s.agentInstances().get(session.spec().agentInstanceId()).orElseThrow().spec()
        .agentId();
  }

  private static List<String> keys(Page<? extends ExecutionItem<?>> page) {
    return page.items().stream().map(i -> i.executionId() + "/" + i.key()).toList();
  }

  private static <I> List<ExecutionItem<I>> all(ExecutionItems<I> items, ExecutionItemQuery q) {
    List<ExecutionItem<I>> out = new ArrayList<>();
    ExecutionItemQuery page = q;
    for (int guard = 0; guard < 1000; guard++) {
      Page<ExecutionItem<I>> p = items.list(page);
      out.addAll(p.items());
      if (!p.hasNext()) {
        return out;
      }
      page = q.withPageToken(p.nextPageToken());
    }
    throw new AssertionError("paging did not end");
  }

  /** "The failed tool calls of the last 24 h" of one agent's completed executions. */
  @Test
  void failedToolCallsOfTheLastDayJoinedToExecutionFilters() {
    String org = newOrg().id();
    Session a = newSession(store, org);
    Session b = newSession(store, org);
    AgentExecution a1 = newAgentExecution(store, org, a.id(), agentOf(store, a));
    AgentExecution a2 = newAgentExecution(store, org, a.id(), agentOf(store, a));
    AgentExecution b1 = newAgentExecution(store, org, b.id(), agentOf(store, b));
    var repo = store.agentExecutions();
    repo.upsertToolCall(a1.id(), call("c1", "search", ToolCallStatus.FAILED, T0.minusSeconds(60)));
    repo.upsertToolCall(a1.id(), call("c2", "search", ToolCallStatus.COMPLETED, T0.minusSeconds(50)));
    repo.upsertToolCall(a1.id(), call("c3", "fetch", ToolCallStatus.FAILED,
        T0.minus(Duration.ofHours(30))));
    repo.upsertToolCall(a2.id(), call("c4", "fetch", ToolCallStatus.PENDING, T0.minusSeconds(40)));
    // c4 fails later: the upsert rewrites its keys in place.
    repo.upsertToolCall(a2.id(), call("c4", "fetch", ToolCallStatus.FAILED, T0.minusSeconds(40))
        .withError("timeout"));
    repo.upsertToolCall(b1.id(), call("c5", "search", ToolCallStatus.FAILED, T0.minusSeconds(30)));
    repo.transition(a1.id(), ExecutionPhase.IN_PROGRESS);
    repo.transition(a1.id(), ExecutionPhase.COMPLETED);

    ExecutionItems<ToolCall> calls = store.forOrg(org).agentExecutions().toolCallsAcross();
    ExecutionItemQuery.Builder lastDay = ExecutionItemQuery.builder().where("status", "FAILED")
        .since(T0.minus(Duration.ofHours(24))).until(T0).newestFirst();
    assertThat(keys(calls.list(lastDay.build())))
        .containsExactly(b1.id() + "/c5", a2.id() + "/c4", a1.id() + "/c1");
    assertThat(calls.count(lastDay.build())).isEqualTo(3);

    Query agentA = Query.builder().ref(RefField.AGENT_ID, agentOf(store, a)).build();
    assertThat(keys(calls.list(lastDay.executions(agentA).build())))
        .as("joined to the agent reference").containsExactly(a2.id() + "/c4", a1.id() + "/c1");
    Query done = Query.builder().ref(RefField.AGENT_ID, agentOf(store, a))
        .phase(ExecutionPhase.COMPLETED).build();
    assertThat(keys(calls.list(lastDay.executions(done).build())))
        .as("and to the phase").containsExactly(a1.id() + "/c1");
    assertThat(calls.count(lastDay.executions(done).build())).isEqualTo(1);

    ExecutionItemQuery errors = ExecutionItemQuery.builder().hasError().build();
    assertThat(keys(calls.list(errors))).containsExactly(a2.id() + "/c4");
    assertThat(calls.count(ExecutionItemQuery.builder().withoutError().build())).isEqualTo(4);
    ExecutionItem<ToolCall> c4 = calls.list(errors).items().get(0);
    assertThat(c4.item().error()).isEqualTo("timeout");
    assertThat(c4.org()).isEqualTo(org);
    assertThat(c4.sequence()).isEqualTo(1);
    assertThat(calls.count(ExecutionItemQuery.builder().in("name", "fetch").notIn("status",
        "PENDING").build())).isEqualTo(2);
    assertThat(calls.count(ExecutionItemQuery.builder().where("args.q", "c2").build()))
        .as("any other item field, read from the body").isEqualTo(1);
  }

  /** Equal item times page by execution id and sequence: no item twice, none skipped. */
  @Test
  void keysetPagesOverEqualTimesHaveNoDuplicatesOrGaps() {
    String org = newOrg().id();
    List<String> expected = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (int e = 0; e < 3; e++) {
      AgentExecution x = newAgentExecution(store, org);
      ids.add(x.id());
      for (int c = 0; c < 5; c++) {
        store.agentExecutions().upsertToolCall(x.id(), call("t" + c, "same",
            ToolCallStatus.COMPLETED, T0));
      }
      store.agentExecutions().upsertToolCall(x.id(), call("untimed", "same",
          ToolCallStatus.COMPLETED, null));
    }
    List<String> sorted = ids.stream().sorted().toList();
    for (String id : sorted) {
      for (int c = 0; c < 5; c++) {
        expected.add(id + "/t" + c);
      }
    }
    for (String id : sorted) {
      expected.add(id + "/untimed"); // no time: after every time, oldest first
    }
    ExecutionItems<ToolCall> calls = store.forOrg(org).agentExecutions().toolCallsAcross();
    for (int size : new int[] {1, 4, 5, 7}) {
      List<String> got = all(calls, ExecutionItemQuery.builder().pageSize(size).build()).stream()
          .map(i -> i.executionId() + "/" + i.key()).toList();
      assertThat(got).as("oldest first, pages of " + size).containsExactlyElementsOf(expected);
      List<String> newest = all(calls, ExecutionItemQuery.builder().pageSize(size)
          .newestFirst().build()).stream().map(i -> i.executionId() + "/" + i.key()).toList();
      List<String> reversed = new ArrayList<>(expected);
      java.util.Collections.reverse(reversed);
      assertThat(newest).as("newest first, pages of " + size)
          .containsExactlyElementsOf(reversed);
    }
    Page<ExecutionItem<ToolCall>> first = calls.list(ExecutionItemQuery.builder().pageSize(2)
        .build());
    assertThatThrownBy(() -> calls.list(ExecutionItemQuery.builder().pageSize(2)
        .where("name", "other").pageToken(first.nextPageToken()).build()))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("pageToken");
    assertThatThrownBy(() -> calls.list(ExecutionItemQuery.builder().pageSize(2)
        .executions(Query.builder().phaseIn(ExecutionPhase.PENDING).build())
        .pageToken(first.nextPageToken()).build()))
        .as("the same items of other executions").isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("pageToken");
  }

  /** A tenant view sees only its org's items, whatever the query names. */
  @Test
  void tenantViewsSeeOnlyTheirOrgsItems() {
    String a = newOrg().id();
    String b = newOrg().id();
    AgentExecution ea = newAgentExecution(store, a);
    AgentExecution eb = newAgentExecution(store, b);
    store.agentExecutions().upsertToolCall(ea.id(), call("x", "search", ToolCallStatus.FAILED, T0));
    store.agentExecutions().upsertToolCall(eb.id(), call("y", "search", ToolCallStatus.FAILED, T0));
    store.agentExecutions().appendMessages(eb.id(), AgentMessage.of(MessageType.AI, "secret", T0));

    var inA = store.forOrg(a).agentExecutions();
    ExecutionItemQuery failed = ExecutionItemQuery.builder().where("status", "FAILED").build();
    assertThat(keys(inA.toolCallsAcross().list(failed))).containsExactly(ea.id() + "/x");
    ExecutionItemQuery foreign = ExecutionItemQuery.builder()
        .executions(Query.builder().org(b).build()).build();
    assertThat(inA.toolCallsAcross().list(foreign).items()).isEmpty();
    assertThat(inA.toolCallsAcross().count(foreign)).isZero();
    assertThat(inA.messagesAcross().count(ExecutionItemQuery.all())).isZero();
    AggregateResult none = inA.toolCallsAcross().aggregate(foreign, Aggregation.all().count());
    assertThat(none.rows().get(0).count()).isZero();
    assertThat(inA.toolCallsAcross().aggregate(failed, Aggregation.groupBy("metadata.org")
        .count()).rows()).extracting(r -> r.keyText("metadata.org")).containsExactly(a);
    assertThat(store.agentExecutions().toolCallsAcross().count(ExecutionItemQuery.builder()
        .executions(Query.builder().org(b).build()).build())).isEqualTo(1);
  }

  /** Tool usage by name: exact sums and averages of item fields, identical on every backend. */
  @Test
  void aggregatesOverItemFieldsAreExactDecimals() {
    String org = newOrg().id();
    AgentExecution e1 = newAgentExecution(store, org);
    AgentExecution e2 = newAgentExecution(store, org);
    var repo = store.agentExecutions();
    repo.upsertToolCall(e1.id(), call("1", "search", ToolCallStatus.COMPLETED, T0,
        Map.of("durationMs", NF.numberNode(new BigDecimal("0.1")), "server", NF.textNode("web"))));
    repo.upsertToolCall(e1.id(), call("2", "search", ToolCallStatus.FAILED, T0,
        Map.of("durationMs", NF.numberNode(new BigDecimal("0.2")), "server", NF.textNode("web"))));
    repo.upsertToolCall(e2.id(), call("3", "search", ToolCallStatus.COMPLETED, T0,
        Map.of("durationMs", NF.numberNode(new BigDecimal("9007199254740993")),
            "server", NF.textNode("web"))));
    repo.upsertToolCall(e2.id(), call("4", "fetch", ToolCallStatus.COMPLETED, T0,
        Map.of("durationMs", NF.numberNode(new BigDecimal("1")), "server", NF.textNode("fs"))));
    repo.upsertToolCall(e2.id(), call("5", "fetch", ToolCallStatus.COMPLETED, T0.minusSeconds(1),
        Map.of("server", NF.textNode("fs"))));

    ExecutionItems<ToolCall> calls = store.forOrg(org).agentExecutions().toolCallsAcross();
    AggregateResult r = calls.aggregate(ExecutionItemQuery.builder().since(T0).build(),
        Aggregation.groupBy("server", "name").count().sum("durationMs")
            .avg("durationMs").max("durationMs").orderByDescending("count"));
    assertThat(r.rows()).hasSize(2);
    AggregateResult.Row search = r.rows().get(0);
    assertThat(search.keyText("name")).isEqualTo("search");
    assertThat(search.keyText("server")).isEqualTo("web");
    assertThat(search.count()).isEqualTo(3);
    assertThat(search.sum("durationMs")).isEqualTo(new BigDecimal("9007199254740993.3"));
    assertThat(search.avg("durationMs")).isEqualTo(new BigDecimal("3002399751580331.1"));
    assertThat(search.max("durationMs").decimalValue()).isEqualTo(
        new BigDecimal("9007199254740993"));
    AggregateResult.Row fetch = r.rows().get(1);
    assertThat(fetch.count()).as("the call before since is out").isEqualTo(1);
    assertThat(fetch.sum("durationMs")).isEqualTo(BigDecimal.ONE);

    AggregateResult byStatus = calls.aggregate(ExecutionItemQuery.builder()
        .where("name", "search").build(), Aggregation.groupBy("status").count());
    assertThat(byStatus.rows()).extracting(x -> x.keyText("status") + "=" + x.count())
        .containsExactly("COMPLETED=2", "FAILED=1");
  }

  /**
   * Tool usage by agent, by the execution's model, label and phase: an {@code execution.} group
   * key groups items by a key of their execution (a reference, a spec path, a label, the phase),
   * beside item keys, with the executions' filters still applied.
   */
  @Test
  void aggregatesGroupItemsByTheirExecutionsKeys() {
    String org = newOrg().id();
    Session a = newSession(store, org);
    Session b = newSession(store, org);
    String agentA = agentOf(store, a);
    String agentB = agentOf(store, b);
    var repo = store.agentExecutions();
    AgentExecution a1 = newAgentExecution(store, org, a.id(), agentA);
    AgentExecution a2 = newAgentExecution(store, org, a.id(), agentA);
    AgentExecution b1 = newAgentExecution(store, org, b.id(), agentB);
    a1 = repo.update(a1.withMetadata(a1.metadata().withLabel("team", "red")));
    b1 = repo.update(new AgentExecution(b1.metadata().withLabel("team", "blue"),
        b1.spec().toBuilder().config(b1.spec().config().toBuilder().model("other-model")
            .build()).build(), b1.status()));
    repo.upsertToolCall(a1.id(), call("1", "search", ToolCallStatus.COMPLETED, T0));
    repo.upsertToolCall(a1.id(), call("2", "fetch", ToolCallStatus.COMPLETED, T0));
    repo.upsertToolCall(a2.id(), call("3", "search", ToolCallStatus.FAILED, T0));
    repo.upsertToolCall(b1.id(), call("4", "search", ToolCallStatus.COMPLETED, T0));
    repo.transition(a2.id(), ExecutionPhase.IN_PROGRESS);

    ExecutionItems<ToolCall> calls = store.forOrg(org).agentExecutions().toolCallsAcross();
    AggregateResult byAgent = calls.aggregate(ExecutionItemQuery.all(),
        Aggregation.groupBy("execution.spec.agentId", "name").count());
    assertThat(byAgent.rows()).extracting(r -> r.keyText("execution.spec.agentId") + "/"
        + r.keyText("name") + "=" + r.count())
        .containsExactlyInAnyOrder(agentA + "/fetch=1", agentA + "/search=2",
            agentB + "/search=1");

    AggregateResult byModel = calls.aggregate(ExecutionItemQuery.all(),
        Aggregation.groupBy("execution.spec.config.model").count().orderByDescending("count"));
    assertThat(byModel.rows()).extracting(r -> r.keyText("execution.spec.config.model") + "="
        + r.count()).containsExactly("tck-model=3", "other-model=1");

    AggregateResult byTeam = calls.aggregate(ExecutionItemQuery.all(),
        Aggregation.groupBy("execution.metadata.labels.team").count());
    assertThat(byTeam.rows()).extracting(r -> r.keyText("execution.metadata.labels.team") + "="
        + r.count()).containsExactlyInAnyOrder("blue=1", "red=2", "null=1");

    AggregateResult byPhase = calls.aggregate(ExecutionItemQuery.builder()
        .where("name", "search").build(),
        Aggregation.groupBy("execution.status.phase", "status").count());
    assertThat(byPhase.rows()).extracting(r -> r.keyText("execution.status.phase") + "/"
        + r.keyText("status") + "=" + r.count())
        .containsExactlyInAnyOrder("PENDING/COMPLETED=2", "IN_PROGRESS/FAILED=1");

    AggregateResult ofAgentA = calls.aggregate(ExecutionItemQuery.builder()
        .executions(Query.builder().ref(RefField.AGENT_ID, agentA).build()).build(),
        Aggregation.groupBy("execution.metadata.labels.team").count());
    assertThat(ofAgentA.rows()).as("the executions' filters still apply")
        .extracting(r -> r.keyText("execution.metadata.labels.team") + "=" + r.count())
        .containsExactlyInAnyOrder("red=2", "null=1");

    assertThatThrownBy(() -> calls.aggregate(ExecutionItemQuery.all(),
        Aggregation.groupBy("execution.status.toolCalls").count()))
        .as("an execution's items are no group key of its items")
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("toolCalls");
    assertThatThrownBy(() -> calls.aggregate(ExecutionItemQuery.all(),
        Aggregation.groupBy("execution.metadata.name").count()))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("metadata.name");
  }

  /** Tasks and messages across executions, and items written by a full status update. */
  @Test
  void tasksMessagesAndStatusRewritesAreQueried() {
    String org = newOrg().id();
    WorkflowExecution w = newWorkflowExecution(store, org);
    store.workflowExecutions().upsertTask(w.id(), WorkflowTask.pending("t1", "build", "RUN")
        .withStartedAt(T0));
    store.workflowExecutions().upsertTask(w.id(), WorkflowTask.pending("t2", "test", "RUN")
        .withStartedAt(T0.plusSeconds(1)).withStatus(TaskStatus.FAILED).withError("red"));
    var tasks = store.forOrg(org).workflowExecutions().tasksAcross();
    assertThat(keys(tasks.list(ExecutionItemQuery.builder().where("status", "FAILED").build())))
        .containsExactly(w.id() + "/t2");
    assertThat(tasks.count(ExecutionItemQuery.builder().hasError().build())).isEqualTo(1);

    AgentExecution e = newAgentExecution(store, org);
    store.agentExecutions().appendMessages(e.id(), AgentMessage.of(MessageType.HUMAN, "q", T0),
        AgentMessage.of(MessageType.AI, "a", T0.plusSeconds(2)));
    var messages = store.forOrg(org).agentExecutions().messagesAcross();
    Page<ExecutionItem<AgentMessage>> ai = messages.list(ExecutionItemQuery.builder()
        .where("type", "AI").build());
    assertThat(ai.items()).extracting(i -> i.item().content()).containsExactly("a");
    assertThat(ai.items().get(0).sequence()).isEqualTo(2);
    assertThat(messages.count(ExecutionItemQuery.builder().since(T0.plusSeconds(1)).build()))
        .isEqualTo(1);

    // A full status update rewrites the tool calls: their keys are written with them.
    AgentExecution cur = store.agentExecutions().get(e.id()).orElseThrow();
    store.agentExecutions().updateStatus(cur.withStatus(cur.status().toBuilder().toolCalls(
        List.of(call("s1", "lookup", ToolCallStatus.FAILED, T0))).build()));
    var calls = store.forOrg(org).agentExecutions().toolCallsAcross();
    assertThat(keys(calls.list(ExecutionItemQuery.builder().where("name", "lookup")
        .where("status", "FAILED").since(T0).build()))).containsExactly(e.id() + "/s1");
  }

  /** Deleting an execution deletes its items from every query across executions. */
  @Test
  void itemsOfDeletedExecutionsAreGone() {
    String org = newOrg().id();
    AgentExecution keep = newAgentExecution(store, org);
    AgentExecution gone = newAgentExecution(store, org);
    store.agentExecutions().upsertToolCall(keep.id(), call("k", "search", ToolCallStatus.FAILED, T0));
    store.agentExecutions().upsertToolCall(gone.id(), call("g", "search", ToolCallStatus.FAILED, T0));
    assertThat(store.agentExecutions().delete(gone.id())).isTrue();
    var calls = store.forOrg(org).agentExecutions().toolCallsAcross();
    assertThat(keys(calls.list(ExecutionItemQuery.all()))).containsExactly(keep.id() + "/k");
    assertThat(calls.aggregate(ExecutionItemQuery.all(), Aggregation.groupBy("name").count())
        .rows().get(0).count()).isEqualTo(1);
  }

  /** Bad input is a typed error naming what was wrong. */
  @Test
  void badInputIsRefusedNamingTheField() {
    String org = newOrg().id();
    ExecutionItems<ToolCall> calls = store.forOrg(org).agentExecutions().toolCallsAcross();
    assertThatThrownBy(() -> ExecutionItemQuery.builder().pageSize(0).build())
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("pageSize");
    assertThatThrownBy(() -> ExecutionItemQuery.builder().since(T0).until(T0).build())
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("since");
    assertThatThrownBy(() -> ExecutionItemQuery.builder().where("name",
        Query.JsonOperator.CONTAINS, "x").build())
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("where name");
    assertThatThrownBy(() -> ExecutionItemQuery.builder().executions(null).build())
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("executions");
    assertThatThrownBy(() -> calls.list(ExecutionItemQuery.builder().where("startedAt",
        Query.JsonOperator.GREATER_THAN, "yesterday").build()))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("startedAt");
    assertThatThrownBy(() -> calls.list(ExecutionItemQuery.builder().where("", "x").build()))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("where");
    assertThatThrownBy(() -> calls.list(ExecutionItemQuery.builder().pageToken("nonsense")
        .build())).isInstanceOf(InvalidArgumentException.class).hasMessageContaining("pageToken");
    assertThatThrownBy(() -> calls.aggregate(ExecutionItemQuery.all(),
        Aggregation.groupBy("metadata.labels.team").count()))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("groupBy");
    assertThatThrownBy(() -> calls.list(ExecutionItemQuery.builder().executions(Query.builder()
        .org("not-an-org").build()).build()))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("org");
    assertThatThrownBy(() -> calls.list(null)).isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("query");
  }

  /** Long names (past the keyed length) are still found exactly, from the body. */
  @Test
  void longNamesAreFoundExactly() {
    String org = newOrg().id();
    AgentExecution e = newAgentExecution(store, org);
    String longName = "n".repeat(300);
    store.agentExecutions().upsertToolCall(e.id(), call("a", longName, ToolCallStatus.FAILED, T0));
    store.agentExecutions().upsertToolCall(e.id(), call("b", longName + "x",
        ToolCallStatus.FAILED, T0));
    var calls = store.forOrg(org).agentExecutions().toolCallsAcross();
    assertThat(keys(calls.list(ExecutionItemQuery.builder().where("name", longName).build())))
        .containsExactly(e.id() + "/a");
    assertThat(calls.count(ExecutionItemQuery.builder().notIn("name", longName).build()))
        .isEqualTo(1);
    Set<String> seen = new HashSet<>(keys(calls.list(ExecutionItemQuery.builder()
        .where("name", Query.JsonOperator.IS_NOT_NULL, null).build())));
    assertThat(seen).hasSize(2);
  }
}
