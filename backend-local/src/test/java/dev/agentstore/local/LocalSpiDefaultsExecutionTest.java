package dev.agentstore.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentstore.AgentStore;
import dev.agentstore.local.defaults.SpiDefaultsBackendProvider;
import dev.agentstore.model.AgentExecution;
import dev.agentstore.model.AgentMessage;
import dev.agentstore.model.ExecutionPhase;
import dev.agentstore.model.MessageType;
import dev.agentstore.tck.ExecutionTck;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ExecutionTck on the SPI's default methods ({@link SpiDefaultsBackendProvider}). */
class LocalSpiDefaultsExecutionTest extends ExecutionTck {
  @Override
  protected AgentStore.Builder newStoreBuilder() {
    return LocalStores.newBuilder(SpiDefaultsBackendProvider.SCHEME);
  }

  /** The suite above ran on the defaults, not on the SQL backend's overrides. */
  @Test
  void theDefaultsRunInPlaceOfTheOverrides() {
    long before = calls("findWithItems") + calls("itemsOfCollections")
        + calls("lastItemSequence");
    AgentExecution e = newAgentExecution(store, newOrg().id());
    store.agentExecutions().appendMessages(e.id(), AgentMessage.of(MessageType.AI, "one",
        Instant.EPOCH));
    AgentExecution moved = store.agentExecutions().transition(e.id(), ExecutionPhase.IN_PROGRESS);
    assertThat(moved.status().messages()).extracting(AgentMessage::content)
        .isEqualTo(List.of("one"));
    assertThat(store.agentExecutions().get(e.id()).orElseThrow()).isEqualTo(moved);
    // transition and get: findWithItems and, inside it, itemsOfCollections; the append asks
    // lastItemSequence.
    assertThat(calls("findWithItems") + calls("itemsOfCollections") + calls("lastItemSequence")
        - before).isGreaterThanOrEqualTo(5);
  }

  private static long calls(String method) {
    var n = SpiDefaultsBackendProvider.DEFAULT_CALLS.get(method);
    return n == null ? 0 : n.get();
  }
}
