package dev.agentstore.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentstore.AgentStore;
import dev.agentstore.AgentStoreException;
import dev.agentstore.Page;
import dev.agentstore.Query;
import dev.agentstore.history.ResourceVersion;
import dev.agentstore.model.Agent;
import dev.agentstore.model.AgentExecution;
import dev.agentstore.model.AgentMessage;
import dev.agentstore.model.ExecutionPhase;
import dev.agentstore.model.MessageType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Durability: everything acknowledged survives close and reopen (resources, execution history,
 * version history, page tokens), a closed store refuses work with a clear error, and two stores
 * may open the same location at the same moment.
 *
 * <p>Usage: {@code class LocalDurabilityTest extends DurabilityTck { ...newStoreBuilder()... }}
 */
public abstract class DurabilityTck extends TckSupport {

  @Test
  void everythingAcknowledgedSurvivesCloseAndReopen() {
    String org = newOrg().id();
    Agent agent = newAgent(store, org, "durable");
    Agent updated = store.agents().update(agent.withMetadata(agent.metadata()
        .withLabel("v", "2")));
    AgentExecution e = newAgentExecution(store, org);
    store.agentExecutions().transition(e.id(), ExecutionPhase.IN_PROGRESS);
    store.agentExecutions().appendMessages(e.id(),
        AgentMessage.of(MessageType.HUMAN, "remember me", Instant.parse("2026-01-01T00:00:00Z")));
    AgentExecution before = store.agentExecutions().get(e.id()).orElseThrow();
    for (int i = 0; i < 3; i++) {
      newAgent(store, org, "page" + i);
    }
    Query q = Query.builder().org(org).pageSize(2).build();
    Page<Agent> first = store.agents().list(q);
    List<ResourceVersion> history = store.history().list(e.id());
    var widget = newWidget(store, org, "durable-widget", "blue", 7, "0.7");
    var checked = widgets(store).updateStatus(widget.withStatus(
        com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()
            .put("state", "checked")));
    Query bySize = Query.builder().where("spec.size", 7).orderBy("spec.price", false)
        .pageSize(1).build();
    store.close();

    AgentStore reopened = open(location);
    assertThat(reopened.agents().get(agent.id())).contains(updated);
    assertThat(reopened.agentExecutions().get(e.id())).contains(before);
    assertThat(reopened.history().list(e.id())).isEqualTo(history);
    assertThat(widgets(reopened).get(widget.id())).as("a declared kind's row").contains(checked);
    assertThat(widgets(reopened).list(bySize).items()).as("and its keys")
        .extracting(w -> w.id()).containsExactly(widget.id());
    assertThat(reopened.history().list(widget.id())).hasSize(2);
    Page<Agent> second = reopened.agents().list(q.withPageToken(first.nextPageToken()));
    assertThat(second.items()).isNotEmpty()
        .noneMatch(a -> first.items().stream().anyMatch(f -> f.id().equals(a.id())));
  }

  @Test
  void aClosedStoreRefusesWorkClearly() {
    String org = newOrg().id();
    store.close();
    assertThatThrownBy(() -> newAgent(store, org, "after-close"))
        .isInstanceOf(AgentStoreException.class).hasMessageContaining("closed");
    store.close(); // idempotent
  }

  @Test
  void twoStoresOpeningTheSameNewLocationAtOnceBothWork() throws Exception {
    AgentStore.Builder fresh = freshLocation();
    List<AgentStore> both = java.util.Collections.synchronizedList(new ArrayList<>());
    Concurrently.run(2, thread -> both.add(open(fresh)));
    String org = newOrg(both.get(0)).id();
    Agent a = newAgent(both.get(0), org, "shared");
    assertThat(both.get(1).agents().get(a.id())).contains(a);
  }

  @Test
  void artifactsSurviveReopenToo() throws Exception {
    var ref = store.artifacts().put("wex-test/report.txt",
        new java.io.ByteArrayInputStream("report body".getBytes(
            java.nio.charset.StandardCharsets.UTF_8)));
    store.close();
    AgentStore reopened = open(location);
    try (var in = reopened.artifacts().get(ref.key())) {
      assertThat(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
          .isEqualTo("report body");
    }
  }
}
