package dev.agentstore.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityTransaction;
import jakarta.persistence.OptimisticLockException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javax.sql.DataSource;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.cfg.Configuration;

/**
 * Baseline (b) of issue 17: Hibernate ORM 7.2 (the version Spring Boot 4.0.7 manages),
 * bootstrapped programmatically (no persistence.xml), on a HikariCP pool over the same driver
 * settings, with the schema Hibernate generates plus a unique (org, name) index (the key apply
 * looks up). Used the way a typical JPA application does:
 * create = persist the entity (messages as an element collection) and a history entity;
 * update / updateStatus = find, check the held version, modify, persist history (Hibernate
 * flushes {@code UPDATE ... WHERE version = ?}); appendMessages = fetch-join the entity and its
 * messages, add one (the owner's version goes up), persist history; transition = updateStatus
 * with the phase moved; upsertToolCall = fetch-join the tool calls, replace the one with the id
 * or add it, persist history; apply = query by (org, name), change the spec when it differs (or
 * persist a new entity), persist history; get = one fetch-join query;
 * page = one query plus one batch fetch of the 50 rows' messages
 * ({@code default_batch_fetch_size=50}). JDBC batching is on ({@code jdbc.batch_size=50}).
 *
 * <p>Usage: {@code try (HibernateImpl h = new HibernateImpl(source, postgres, org)) { h.create(1); }}
 */
final class HibernateImpl implements CompareImpl {
  private final CountingJdbc.Counter counter = new CountingJdbc.Counter();
  private final HikariDataSource pool;
  private final SessionFactory sessions;
  private final String org;
  private final Map<String, long[]> held = new HashMap<>();

  /** A session factory on {@code source} (the driver's data source, same settings). */
  HibernateImpl(DataSource source, boolean postgres, String org) {
    this.org = org;
    HikariConfig hc = new HikariConfig();
    hc.setDataSource(source);
    hc.setPoolName("bench-hibernate");
    hc.setMaximumPoolSize(1);
    hc.setAutoCommit(false);
    this.pool = new HikariDataSource(hc);
    Configuration cfg = new Configuration();
    cfg.addAnnotatedClass(HExecution.class);
    cfg.addAnnotatedClass(HMessage.class);
    cfg.addAnnotatedClass(HHistory.class);
    cfg.addAnnotatedClass(HToolCall.class);
    cfg.setProperty(AvailableSettings.DIALECT, postgres
        ? "org.hibernate.dialect.PostgreSQLDialect"
        : "org.hibernate.community.dialect.SQLiteDialect");
    cfg.getProperties().put(AvailableSettings.DATASOURCE, CountingJdbc.wrap(pool, counter));
    cfg.setProperty(AvailableSettings.HBM2DDL_AUTO, "update");
    cfg.setProperty(AvailableSettings.STATEMENT_BATCH_SIZE, "50");
    cfg.setProperty(AvailableSettings.ORDER_INSERTS, "true");
    cfg.setProperty(AvailableSettings.ORDER_UPDATES, "true");
    cfg.setProperty(AvailableSettings.DEFAULT_BATCH_FETCH_SIZE, "50");
    cfg.setProperty(AvailableSettings.CONNECTION_PROVIDER_DISABLES_AUTOCOMMIT, "true");
    cfg.setProperty(AvailableSettings.SHOW_SQL, "false");
    this.sessions = cfg.buildSessionFactory();
    // apply finds an execution by (org, name), as a careful schema would key it; without the
    // key every apply scanned the table (30 ms at 20k rows on SQLite).
    try (Connection c = pool.getConnection(); Statement st = c.createStatement()) {
      st.execute("CREATE UNIQUE INDEX IF NOT EXISTS h_execution_name ON h_execution (org, name)");
      c.commit();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create the (org, name) key of h_execution", e);
    }
  }

  @Override
  public String name() {
    return "Hibernate";
  }

  @Override
  public CountingJdbc.Counter counter() {
    return counter;
  }

  private <T> T inTransaction(Function<EntityManager, T> work) {
    try (EntityManager em = sessions.createEntityManager()) {
      EntityTransaction tx = em.getTransaction();
      tx.begin();
      try {
        T r = work.apply(em);
        tx.commit();
        return r;
      } catch (RuntimeException e) {
        if (tx.isActive()) {
          tx.rollback();
        }
        throw e;
      }
    }
  }

  private static Map<String, Object> snapshot(HExecution e, long version) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("id", e.id);
    s.put("version", (int) version); // round-trips equal (see CompareData.status)
    s.put("spec", e.spec);
    s.put("status", e.status);
    return s;
  }

  /** The history snapshot of an append: the execution's id and version and the one item. */
  private static Map<String, Object> itemSnapshot(String id, long version, String collection,
      Map<String, Object> item) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("id", id);
    s.put("version", (int) version);
    s.put(collection, List.of(item));
    return s;
  }

  @Override
  public String create(int n) {
    String id = "h_" + Long.toString(System.nanoTime(), 36) + "_" + n;
    List<HMessage> msgs = new ArrayList<>();
    for (Map<String, Object> m : CompareData.messages(n)) {
      msgs.add(HMessage.of(m));
    }
    Instant now = Instant.now();
    HExecution created = inTransaction(em -> {
      HExecution e = new HExecution(id, org, CompareData.name(n), CompareData.spec(n, 0),
          CompareData.status(n, 0), msgs, now);
      em.persist(e); // seeds the version
      em.persist(new HHistory(id, e.version, "CREATED", snapshot(e, e.version), now));
      return e;
    });
    held.put(id, new long[] {n, created.version}); // as flushed by the commit
    return id;
  }

  @Override
  public void createAll(int first, int count) {
    Instant now = Instant.now();
    List<HExecution> made = inTransaction(em -> {
      List<HExecution> all = new ArrayList<>(count);
      for (int n = first; n < first + count; n++) {
        List<HMessage> msgs = new ArrayList<>();
        for (Map<String, Object> m : CompareData.messages(n)) {
          msgs.add(HMessage.of(m));
        }
        String id = "h_" + Long.toString(System.nanoTime(), 36) + "_" + n;
        HExecution e = new HExecution(id, org, CompareData.name(n), CompareData.spec(n, 0),
            CompareData.status(n, 0), msgs, now);
        em.persist(e);
        em.persist(new HHistory(id, e.version, "CREATED", snapshot(e, e.version), now));
        all.add(e);
      }
      return all;
    });
    for (int i = 0; i < made.size(); i++) {
      held.put(made.get(i).id, new long[] {first + i, made.get(i).version});
    }
  }

  @Override
  public void get(String id) {
    int size = inTransaction(em -> em.createQuery("select e from HExecution e left join fetch"
        + " e.messages where e.id = :id", HExecution.class).setParameter("id", id)
        .getSingleResult().messages.size());
    if (size < CompareData.MESSAGES) {
      throw new IllegalStateException("Hibernate get: " + size + " messages");
    }
  }

  private void write(String id, String event, java.util.function.Consumer<HExecution> change) {
    long[] h = held.get(id);
    Instant now = Instant.now();
    inTransaction(em -> {
      HExecution e = em.find(HExecution.class, id);
      if (e.version != h[1]) {
        throw new OptimisticLockException("Hibernate: " + id + " is at " + e.version);
      }
      change.accept(e);
      e.updatedAt = now;
      em.persist(new HHistory(id, h[1] + 1, event, snapshot(e, h[1] + 1), now));
      return null;
    });
    h[1]++;
  }

  @Override
  public void update(String id, int variant) {
    int n = (int) held.get(id)[0];
    write(id, "UPDATED", e -> e.spec = CompareData.spec(n, variant));
  }

  @Override
  public void updateStatus(String id, int variant) {
    int n = (int) held.get(id)[0];
    write(id, "STATUS_UPDATED", e -> {
      e.status = CompareData.status(n, variant);
      e.phase = (String) e.status.get("phase");
    });
  }

  @Override
  public void appendMessage(String id, int n) {
    writeItem(id, "messages", "MESSAGES_APPENDED", (e, number) -> {
      Map<String, Object> m = CompareData.message(number, n);
      e.messages.add(HMessage.of(m));
      return m;
    });
  }

  /**
   * One item write: fetch-join {@code id} with its {@code collection}, let {@code change} add
   * or replace the item (returning it), persist the history row holding it.
   */
  private void writeItem(String id, String collection, String event,
      java.util.function.BiFunction<HExecution, Integer, Map<String, Object>> change) {
    long[] h = held.get(id);
    Instant now = Instant.now();
    inTransaction(em -> {
      HExecution e = em.createQuery("select e from HExecution e left join fetch e." + collection
          + " where e.id = :id", HExecution.class).setParameter("id", id).getSingleResult();
      Map<String, Object> item = change.apply(e, (int) h[0]);
      e.updatedAt = now;
      em.persist(new HHistory(id, e.version + 1, event,
          itemSnapshot(id, e.version + 1, collection, item), now));
      return null;
    });
    h[1]++;
  }

  @Override
  public void transition(String id, String phase) {
    write(id, "STATUS_UPDATED", e -> {
      Map<String, Object> status = new LinkedHashMap<>(e.status);
      status.put("phase", phase);
      e.status = status;
      e.phase = phase;
    });
  }

  @Override
  public void upsertToolCall(String id, int call, boolean finished) {
    writeItem(id, "toolCalls", "APPENDED", (e, number) -> {
      Map<String, Object> m = CompareData.toolCall(number, call, finished);
      HToolCall tool = HToolCall.of(m);
      int at = -1;
      for (int i = 0; i < e.toolCalls.size(); i++) {
        if (e.toolCalls.get(i).callId.equals(tool.callId)) {
          at = i;
        }
      }
      if (at >= 0) {
        e.toolCalls.set(at, tool);
      } else {
        e.toolCalls.add(tool);
      }
      return m;
    });
  }

  @Override
  public void apply(String id, int variant) {
    long[] h = held.get(id);
    int n = (int) h[0];
    Map<String, Object> spec = CompareData.spec(n, variant);
    Instant now = Instant.now();
    h[1] = inTransaction(em -> {
      List<HExecution> found = em.createQuery("select e from HExecution e where e.org = :org"
          + " and e.name = :name", HExecution.class).setParameter("org", org)
          .setParameter("name", CompareData.name(n)).getResultList();
      if (found.isEmpty()) {
        HExecution e = new HExecution("h_" + Long.toString(System.nanoTime(), 36) + "_" + n,
            org, CompareData.name(n), spec, CompareData.status(n, 0), List.of(), now);
        em.persist(e);
        em.persist(new HHistory(e.id, e.version, "CREATED", snapshot(e, e.version), now));
        return e.version;
      }
      HExecution e = found.get(0);
      if (e.spec.equals(spec)) {
        return e.version; // the same spec: nothing written
      }
      e.spec = spec;
      e.updatedAt = now;
      em.persist(new HHistory(e.id, e.version + 1, "UPDATED", snapshot(e, e.version + 1), now));
      return e.version + 1;
    });
  }

  @Override
  public int page(String phase) {
    return inTransaction(em -> {
      List<HExecution> rows = em.createQuery("select e from HExecution e where e.org = :org"
          + " and e.phase = :phase order by e.createdAt desc, e.id desc", HExecution.class)
          .setParameter("org", org).setParameter("phase", phase).setMaxResults(50)
          .getResultList();
      int msgs = 0;
      for (HExecution e : rows) {
        msgs += e.messages.size();
      }
      if (msgs < rows.size() * CompareData.MESSAGES) {
        throw new IllegalStateException("Hibernate page: " + msgs + " messages");
      }
      return rows.size();
    });
  }

  @Override
  public long[] durableCounts() {
    return inTransaction(em -> new long[] {
        ((Number) em.createNativeQuery("select count(*) from h_execution").getSingleResult())
            .longValue(),
        ((Number) em.createNativeQuery("select (select count(*) from h_message)"
            + " + (select count(*) from h_tool_call)").getSingleResult()).longValue(),
        ((Number) em.createNativeQuery("select count(*) from h_history").getSingleResult())
            .longValue()});
  }

  @Override
  public void close() {
    sessions.close();
    pool.close();
  }
}
