package dev.agentstore.spring.ai;

import dev.agentstore.AgentStore;
import dev.agentstore.Metadata;
import dev.agentstore.model.Organization;
import dev.agentstore.model.OrganizationSpec;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A fresh store and org per test; subclasses name the backend. */
abstract class StoreFixture {
  private static final AtomicInteger NAMES = new AtomicInteger();
  protected AgentStore store;
  /** The builder {@link #store} came from: {@code open()} again reopens the same data. */
  protected AgentStore.Builder location;
  protected String org;

  /** A builder for a new, empty store. */
  protected abstract AgentStore.Builder newBuilder();

  @BeforeEach
  void openStore() {
    location = newBuilder();
    store = location.open();
    org = newOrg();
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  /** Closes the store and opens the same data again (a restart). */
  protected void reopen() {
    store.close();
    store = location.open();
  }

  protected String newOrg() {
    String name = "tenant-" + NAMES.incrementAndGet();
    return store.organizations().create(new Organization(Metadata.of(null, name),
        OrganizationSpec.builder().description(name).build(), null)).id();
  }
}
