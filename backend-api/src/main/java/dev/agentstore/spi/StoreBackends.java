package dev.agentstore.spi;

import dev.agentstore.AgentStore;
import dev.agentstore.InvalidArgumentException;
import dev.agentstore.internal.DefaultAgentStore;

/**
 * Reaches the {@link Backend} under a store, for conformance tests and tools that check what is
 * stored below the API (secrets sealed at rest, raw rows, capabilities). Applications use the
 * {@link AgentStore} facade instead.
 *
 * <p>Usage: {@code Capabilities c = StoreBackends.of(store).capabilities();}
 */
public final class StoreBackends {
  private StoreBackends() {}

  /**
   * The backend {@code store} was opened on.
   *
   * @throws InvalidArgumentException if {@code store} was not opened by {@link AgentStore#open}
   *     or its builder (a wrapper or a test double has no backend to give)
   */
  public static Backend of(AgentStore store) {
    // The TCK lives outside this module and must not name internal types, so it asks here.
    if (store instanceof DefaultAgentStore opened) {
      return opened.backend();
    }
    throw new InvalidArgumentException("store: not opened by AgentStore.open, got "
        + (store == null ? "null" : store.getClass().getName()));
  }
}
