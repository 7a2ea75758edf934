package dev.agentstore.examples.snippets;

import dev.agentstore.AgentStore;
import dev.agentstore.DeleteOptions;
import dev.agentstore.Kind;
import dev.agentstore.MaintenanceReport;
import dev.agentstore.Query;
import dev.agentstore.SchemaMigration;
import dev.agentstore.UpdatableRepository;
import dev.agentstore.history.ChangeEvent;
import dev.agentstore.history.ChangeListener;
import dev.agentstore.history.ResourceVersion;
import dev.agentstore.history.Subscription;
import dev.agentstore.model.AgentExecution;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The Javadoc usage lines of the history API, as compiled code (see JavadocSnippetsTest). */
final class HistorySnippets {
  private HistorySnippets() {}

  static boolean deleted(ResourceVersion version) {
    if (version.event() == ChangeEvent.DELETED) {
      return true;
    }
    return false;
  }

  static List<ResourceVersion> since(AgentStore store, long lastSeen) {
    List<ResourceVersion> next = store.changes().since(lastSeen, 100);
    return next;
  }

  static void subscribe(AgentStore store, long saved) throws InterruptedException {
    try (Subscription s = store.changes().subscribe(saved, v -> index(v))) {
      Thread.sleep(10);
    }
  }

  /** A cache of resources by id, as an application might keep. */
  interface Cache {
    void invalidate(String id);
  }

  static ChangeListener invalidating(Cache cache) {
    ChangeListener l = change -> cache.invalidate(change.resourceId());
    return l;
  }

  static void resume(AgentStore store, ChangeListener l) {
    Subscription s = store.changes().subscribe(0, l);
    s.close();
    save(s.lastSequence());
  }

  static Optional<ResourceVersion> history(AgentStore store, String agentId) {
    Optional<ResourceVersion> v1 = store.history().get(agentId, 1);
    for (ResourceVersion v : store.history().list(agentId)) print(v.event());
    return v1;
  }

  static long maintenance(AgentStore store) {
    MaintenanceReport r = store.maintenance().run();
    store.maintenance().run();
    long gone = store.maintenance().run().deleted().get(Kind.AGENT_EXECUTION).deleted();
    AgentStore.builder().retention(Kind.AGENT_EXECUTION, Duration.ofDays(90));
    return gone + r.totalDeleted();
  }

  static long retention(AgentStore store, Instant cutoff, Query q) {
    store.history().prune(Instant.now().minus(Duration.ofDays(90)), Kind.AGENT_EXECUTION);
    store.agentExecutions().deleteWhere(Query.builder().createdBefore(cutoff).build());
    UpdatableRepository<AgentExecution> repo = store.agentExecutions();
    repo.deleteWhere(q, DeleteOptions.builder().pruneHistory(true).build());
    DeleteOptions o = DeleteOptions.builder().batchSize(200).pruneHistory(true).build();
    DeleteOptions.builder().deleteArtifacts(true).build();
    long n = store.agentExecutions().deleteWhere(q).deleted();
    return n + o.batchSize();
  }

  private static void index(ResourceVersion v) {}

  private static void save(long sequence) {}

  static void schemaMigrations(AgentStore store) {
    for (SchemaMigration m : store.schemaMigrations()) print(m.version() + " " + m.state());
  }

  private static void print(Object o) {}
}
