package dev.agentstore.bench;

import dev.agentstore.AgentStore;
import dev.agentstore.Metadata;
import dev.agentstore.Query;
import dev.agentstore.model.AgentExecution;
import dev.agentstore.model.ExecutionPhase;
import dev.agentstore.sql.SqlBackend;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * agentstore in the issue-17 comparison: the public API as a caller uses it (create, get,
 * update and updateStatus of the object the previous call returned, appendMessages, list).
 * To count its JDBC calls with the same wrapper as the baselines, the store's
 * {@link SqlBackend} gets its two connection pools wrapped in {@link CountingJdbc} (found by
 * reflection: a benchmark-only instrument, the library is not changed); construction fails
 * loudly if that no longer finds them.
 *
 * <p>Usage: {@code try (LibraryImpl lib = new LibraryImpl(store, org, raw)) { lib.create(1); }}
 */
final class LibraryImpl implements CompareImpl {
  private final CountingJdbc.Counter counter = new CountingJdbc.Counter();
  private final AgentStore store;
  private final String org;
  private final Supplier<Connection> raw;
  private final Map<String, AgentExecution> held = new HashMap<>();
  private final Map<String, Integer> numbers = new HashMap<>();

  /**
   * The comparison's view of {@code store} in {@code org}; {@code raw} opens uncounted
   * connections to the same database for {@link #durableCounts}.
   */
  LibraryImpl(AgentStore store, String org, Supplier<Connection> raw) {
    this.store = store;
    this.org = org;
    this.raw = raw;
    instrument(store, counter);
  }

  /** Wraps the data sources of the backend under {@code store} in counting ones. */
  static void instrument(AgentStore store, CountingJdbc.Counter counter) {
    SqlBackend backend = find(store);
    int wrapped = 0;
    for (Field f : SqlBackend.class.getDeclaredFields()) {
      if (f.getType() == DataSource.class && !Modifier.isStatic(f.getModifiers())) {
        try {
          f.setAccessible(true);
          f.set(backend, CountingJdbc.wrap((DataSource) f.get(backend), counter));
          wrapped++;
        } catch (ReflectiveOperationException | RuntimeException e) {
          throw new IllegalStateException("cannot wrap SqlBackend." + f.getName(), e);
        }
      }
    }
    if (wrapped == 0) {
      throw new IllegalStateException("SqlBackend has no DataSource field to count through");
    }
  }

  /** The SqlBackend reachable from {@code root} through agentstore's own objects. */
  private static SqlBackend find(Object root) {
    Deque<Object> todo = new ArrayDeque<>();
    Set<Object> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    todo.add(root);
    while (!todo.isEmpty()) {
      Object o = todo.poll();
      if (o == null || !seen.add(o)) {
        continue;
      }
      if (o instanceof SqlBackend b) {
        return b;
      }
      if (o instanceof Collection<?> coll) {
        todo.addAll(coll);
        continue;
      }
      if (!o.getClass().getName().startsWith("dev.agentstore.")) {
        continue;
      }
      for (Class<?> k = o.getClass(); k != null && k != Object.class; k = k.getSuperclass()) {
        for (Field f : k.getDeclaredFields()) {
          if (Modifier.isStatic(f.getModifiers()) || f.getType().isPrimitive()) {
            continue;
          }
          try {
            f.setAccessible(true);
            todo.add(f.get(o));
          } catch (ReflectiveOperationException | RuntimeException e) {
            // not reachable this way; try the other fields
          }
        }
      }
    }
    throw new IllegalStateException("no SqlBackend found under " + root.getClass());
  }

  @Override
  public String name() {
    return "agentstore";
  }

  @Override
  public CountingJdbc.Counter counter() {
    return counter;
  }

  @Override
  public String create(int n) {
    AgentExecution e = store.agentExecutions().create(CompareData.execution(org, n));
    held.put(e.id(), e);
    numbers.put(e.id(), n);
    return e.id();
  }

  @Override
  public void createAll(int first, int count) {
    List<AgentExecution> batch = new java.util.ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      batch.add(CompareData.execution(org, first + i));
    }
    List<AgentExecution> made = store.agentExecutions().createAll(batch);
    for (int i = 0; i < made.size(); i++) {
      held.put(made.get(i).id(), made.get(i));
      numbers.put(made.get(i).id(), first + i);
    }
  }

  @Override
  public void get(String id) {
    AgentExecution e = store.agentExecutions().get(id).orElseThrow();
    if (e.status().messages().size() < CompareData.MESSAGES) {
      throw new IllegalStateException("agentstore get: " + e.status().messages().size()
          + " messages");
    }
  }

  @Override
  public void update(String id, int variant) {
    AgentExecution cur = held.get(id);
    held.put(id, store.agentExecutions().update(new AgentExecution(cur.metadata(),
        CompareData.libSpec(numbers.get(id), variant), cur.status())));
  }

  @Override
  public void updateStatus(String id, int variant) {
    AgentExecution cur = held.get(id);
    // What a caller does: the execution it holds, with a new status (its messages as held).
    held.put(id, store.agentExecutions().updateStatus(cur.withStatus(
        CompareData.libStatusWithout(numbers.get(id), variant).toBuilder()
            .messages(cur.status().messages()).build())));
  }

  @Override
  public void appendMessage(String id, int n) {
    store.agentExecutions().appendMessages(id, CompareData.libMessage(numbers.get(id), n));
    // The held copy is stale now; updates in this benchmark never follow appends on one id.
  }

  @Override
  public void transition(String id, String phase) {
    held.put(id, store.agentExecutions().transition(id, ExecutionPhase.valueOf(phase)));
  }

  @Override
  public void upsertToolCall(String id, int call, boolean finished) {
    store.agentExecutions().upsertToolCall(id,
        CompareData.libToolCall(numbers.get(id), call, finished));
  }

  @Override
  public void apply(String id, int variant) {
    int n = numbers.get(id);
    held.put(id, store.agentExecutions().apply(new AgentExecution(
        Metadata.of(org, CompareData.name(n)), CompareData.libSpec(n, variant), null)));
  }

  @Override
  public int page(String phase) {
    return store.agentExecutions().list(Query.builder().org(org)
        .phase(ExecutionPhase.valueOf(phase)).orderBy(Query.OrderBy.CREATED_AT, true)
        .pageSize(50).build()).items().size();
  }

  @Override
  public long[] durableCounts() throws SQLException {
    try (Connection c = raw.get(); Statement st = c.createStatement()) {
      long execs = one(st, "SELECT COUNT(*) FROM agent_executions WHERE org = '" + org + "'");
      long items = one(st, "SELECT COUNT(*) FROM agent_execution_items i JOIN agent_executions e"
          + " ON e.id = i.execution_id WHERE e.org = '" + org + "'");
      long history = one(st, "SELECT COUNT(*) FROM api_resource_versions h JOIN agent_executions"
          + " e ON e.id = h.resource_id WHERE e.org = '" + org + "'");
      return new long[] {execs, items, history};
    }
  }

  private static long one(Statement st, String sql) throws SQLException {
    try (ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Override
  public void close() {
    // the store belongs to the caller
  }
}
