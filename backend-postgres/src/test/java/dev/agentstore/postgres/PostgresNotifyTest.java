package dev.agentstore.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentstore.AgentStore;
import dev.agentstore.postgres.internal.ChangeNotificationListener;
import dev.agentstore.tck.Eventually;
import dev.agentstore.tck.TckSupport;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Commits that write history notify other processes: a listener on its own connection (no
 * polling involved) is woken by a write made through a different store, and the backend declares
 * the capability.
 */
class PostgresNotifyTest extends TckSupport {
  @Override
  protected AgentStore.Builder newStoreBuilder() {
    url = PostgresStores.newDatabase();
    return PostgresStores.builderFor(url);
  }

  /** The JDBC URL of the current test's database (set when its store is made). */
  private String url;

  @Test
  void aCommitInAnotherStoreWakesTheListener() throws Exception {
    assertThat(capabilities().has(
        dev.agentstore.spi.Capabilities.Feature.CROSS_PROCESS_NOTIFY)).isTrue();
    Semaphore woken = new Semaphore(0);
    try (ChangeNotificationListener listener = new ChangeNotificationListener(url,
        new Properties(), woken::release)) {
      listener.start();
      // The listener wakes once when it starts listening (for commits it may have missed).
      assertThat(woken.tryAcquire(30, TimeUnit.SECONDS)).as("listening").isTrue();
      woken.drainPermits();
      AgentStore other = open(PostgresStores.builderFor(url));
      newOrg(other);
      assertThat(woken.tryAcquire(30, TimeUnit.SECONDS)).as("woken by the commit").isTrue();
    }
  }

  @Test
  void aStoreHoldsNoListenConnectionUntilSomethingSubscribes() throws Exception {
    newOrg(store);
    assertThat(listeners(url)).as("listening connections with no subscriber").isZero();
    try (var s = store.changes().subscribe(0, change -> { })) {
      Eventually.equalTo("one listening connection with a subscriber", () -> listeners(url), 1L);
    }
  }

  /** Connections to this store's database whose last statement was a LISTEN. */
  private static long listeners(String url) throws Exception {
    try (Connection c = PostgresStores.connect(url); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE datname ="
            + " current_database() AND query ILIKE 'LISTEN%'")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
