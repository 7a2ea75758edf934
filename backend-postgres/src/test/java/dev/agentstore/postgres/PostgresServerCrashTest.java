package dev.agentstore.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentstore.AgentStore;
import dev.agentstore.AgentStoreException;
import dev.agentstore.Query;
import dev.agentstore.history.ChangeEvent;
import dev.agentstore.history.ResourceVersion;
import dev.agentstore.model.Agent;
import dev.agentstore.model.Organization;
import dev.agentstore.model.OrganizationSpec;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A crash of the PostgreSQL server itself, not of a client: writers run single writes and
 * transactions and note each one the store acknowledged; then the postmaster and every one of its
 * processes are killed with SIGKILL mid-write, the server is restarted on the same data directory
 * (crash recovery replays the WAL), and every acknowledged write must be there, at a version
 * consistent with its history, and each transaction whole or absent.
 *
 * <p>The server is its own instance, not the shared test server: that one runs with
 * {@code synchronous_commit=off} for speed, which may lose acknowledged commits in a crash by
 * design. This one runs as production should, {@code fsync=on} and {@code synchronous_commit=on}.
 * SIGKILL loses what the server processes held in memory, not what the kernel had accepted, so
 * this tests that a commit is acknowledged only after its WAL is written; {@code fsync=on} is what
 * carries that across a power loss, which a test cannot cause.
 */
class PostgresServerCrashTest {
  private static final int WRITERS = 4;
  private final List<AgentStore> stores = new ArrayList<>();
  private EmbeddedPostgres server;

  @AfterEach
  void stop() throws IOException {
    for (AgentStore s : stores) {
      try {
        s.close();
      } catch (RuntimeException e) {
        // the server may be gone; the test has already failed or passed on its own account
      }
    }
    if (server != null) {
      server.close();
    }
  }

  private static EmbeddedPostgres start(Path data, int port) throws IOException {
    return EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false)
        .setRegisterShutdownHook(false).setPort(port)
        .setServerConfig("fsync", "on")
        .setServerConfig("synchronous_commit", "on")
        .setServerConfig("full_page_writes", "on")
        .setServerConfig("max_connections", "50")
        .setPGStartupWait(Duration.ofSeconds(60)).start();
  }

  /** Kills the postmaster named in postmaster.pid and all its processes with SIGKILL. */
  private static long killServer(Path data) throws Exception {
    long pid = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim());
    ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow();
    List<ProcessHandle> all = new ArrayList<>(postmaster.descendants().toList());
    all.add(0, postmaster);
    for (ProcessHandle p : all) {
      p.destroyForcibly(); // SIGKILL on Unix
    }
    for (ProcessHandle p : all) {
      p.onExit().get(30, TimeUnit.SECONDS);
    }
    return pid;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private AgentStore open(String url) {
    AgentStore s = PostgresStores.builderFor(url).option("maximumPoolSize", "6").open();
    stores.add(s);
    return s;
  }

  private static String setting(String adminUrl, String name) throws Exception {
    try (Connection c = DriverManager.getConnection(adminUrl); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SHOW " + name)) {
      rs.next();
      return rs.getString(1);
    }
  }

  @Test
  void everyAcknowledgedWriteSurvivesASigkilledServer() throws Exception {
    Path data = Files.createDirectories(Path.of("target").toAbsolutePath()
        .resolve("pg-crash-" + System.nanoTime()));
    int port = freePort();
    server = start(data, port);
    String admin = server.getJdbcUrl("postgres", "postgres");
    assertThat(setting(admin, "fsync")).isEqualTo("on");
    assertThat(setting(admin, "synchronous_commit")).isEqualTo("on");
    try (Connection c = DriverManager.getConnection(admin); Statement st = c.createStatement()) {
      st.execute("CREATE DATABASE crash");
    }
    String url = server.getJdbcUrl("postgres", "crash");
    AgentStore store = open(url);
    String org = store.organizations().create(new Organization(
        dev.agentstore.Metadata.of(null, "crash"), OrganizationSpec.builder().build(), null)).id();

    // What the store acknowledged: agent id -> the version the last acknowledged write returned;
    // the transactions' pair labels that committed.
    Map<String, Long> acked = new ConcurrentHashMap<>();
    List<String> ackedPairs = java.util.Collections.synchronizedList(new ArrayList<>());
    AtomicInteger acks = new AtomicInteger();
    AtomicInteger failures = new AtomicInteger();
    AtomicBoolean stop = new AtomicBoolean();
    ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
    List<Future<?>> writers = new ArrayList<>();
    for (int w = 0; w < WRITERS; w++) {
      int writer = w;
      writers.add(pool.submit(() -> {
        for (int n = 0; !stop.get(); n++) {
          try {
            if (writer == 0 && n % 2 == 0) {
              String pair = "p" + writer + "-" + n;
              store.runInTransaction(tx -> {
                for (String half : List.of("a", "b")) {
                  tx.agents().create(agent(org, pair + half, pair));
                }
              });
              ackedPairs.add(pair);
            } else {
              // One resource per round: created, then updated twice. After a failed call the
              // resource is left alone, so its stored version is the acknowledged one or, when
              // the failed call committed but its answer was lost, one more.
              Agent a = store.agents().create(agent(org, "w" + writer + "-" + n, null));
              acked.put(a.id(), a.metadata().version());
              for (int u = 0; u < 2; u++) {
                a = store.agents().update(a.withMetadata(a.metadata().withLabel("u", "" + u)));
                acked.put(a.id(), a.metadata().version());
              }
            }
            acks.incrementAndGet();
          } catch (AgentStoreException e) {
            failures.incrementAndGet();
            Thread.sleep(20);
          }
        }
        return null;
      }));
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (acks.get() < 60 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    int acksBeforeKill = acks.get();
    killServer(data);
    Thread.sleep(500); // writers now fail against the dead server
    stop.set(true);
    for (Future<?> f : writers) {
      f.get(120, TimeUnit.SECONDS);
    }
    pool.shutdown();
    assertThat(acksBeforeKill).as("writes acknowledged before the kill").isGreaterThanOrEqualTo(60);
    assertThat(failures.get()).as("writes that met the dead server").isPositive();
    // The server is dead: close() only releases zonky's lock on the data directory (it logs
    // "Could not stop postmaster" with pg_ctl's failure, as expected).
    server.close();

    server = start(data, port);
    AgentStore after = open(url);
    assertThat(acked).isNotEmpty();
    assertThat(ackedPairs).isNotEmpty();
    for (Map.Entry<String, Long> e : acked.entrySet()) {
      Agent a = after.agents().get(e.getKey()).orElse(null);
      assertThat(a).as("acknowledged agent " + e.getKey()).isNotNull();
      long version = a.metadata().version();
      assertThat(version).as(e.getKey()).isBetween(e.getValue(), e.getValue() + 1);
      List<ResourceVersion> history = after.history().list(e.getKey());
      assertThat(history).extracting(ResourceVersion::resourceVersion)
          .as("history of " + e.getKey()).containsExactlyElementsOf(
              java.util.stream.LongStream.rangeClosed(1, version).boxed().toList());
      ResourceVersion last = history.get(history.size() - 1);
      assertThat(last.event()).isEqualTo(version == 1 ? ChangeEvent.CREATED : ChangeEvent.UPDATED);
      assertThat(last.snapshot().get("metadata").get("labels").path("u").asText(null))
          .isEqualTo(a.metadata().labels().get("u"));
    }
    for (String pair : ackedPairs) {
      assertThat(after.agents().count(Query.builder().org(org).labelSelector("pair=" + pair)
          .build())).as("acknowledged transaction " + pair).isEqualTo(2);
    }
    // Unacknowledged transactions: whole or absent, never half.
    List<Agent> all = after.agents().list(Query.builder().org(org).pageSize(1000).build()).items();
    Map<String, Long> perPair = new java.util.HashMap<>();
    for (Agent a : all) {
      String pair = a.metadata().labels().get("pair");
      if (pair != null) {
        perPair.merge(pair, 1L, Long::sum);
      }
    }
    assertThat(perPair.values()).as("agents per transaction").allMatch(n -> n == 2);
    // The change feed after recovery holds exactly the history rows, in sequence order.
    List<ResourceVersion> feed = after.changes().since(0, 10_000);
    assertThat(feed).extracting(ResourceVersion::sequence).isSorted().doesNotHaveDuplicates();
    long historyRows = 0;
    for (Agent a : all) {
      historyRows += after.history().list(a.id()).size();
    }
    assertThat(feed.stream().filter(v -> v.kind() == dev.agentstore.Kind.AGENT).count())
        .as("agent changes in the feed").isEqualTo(historyRows);
    System.out.printf("server crash: %d calls acknowledged before the kill, %d agents and %d"
        + " transactions acknowledged in all, %d calls failed against the dead server%n",
        acksBeforeKill, acked.size(), ackedPairs.size(), failures.get());
    // And the recovered store takes writes.
    Agent fresh = after.agents().create(agent(org, "after-restart", null));
    assertThat(after.agents().get(fresh.id())).contains(fresh);
  }

  private static Agent agent(String org, String name, String pair) {
    Agent.Builder b = Agent.builder().org(org).name(name).instructions("Survive the crash.");
    return pair == null ? b.build() : b.label("pair", pair).build();
  }
}
