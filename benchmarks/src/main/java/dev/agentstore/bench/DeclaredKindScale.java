package dev.agentstore.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentstore.AgentStore;
import dev.agentstore.CollectionDefinition;
import dev.agentstore.CustomResource;
import dev.agentstore.CustomResourceRepository;
import dev.agentstore.FieldRule;
import dev.agentstore.FieldType;
import dev.agentstore.ItemCollection;
import dev.agentstore.ItemQuery;
import dev.agentstore.KindDefinition;
import dev.agentstore.Metadata;
import dev.agentstore.Query;
import dev.agentstore.ResourceRepository;
import dev.agentstore.model.Organization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Issue 12's scale targets on SQLite and on PostgreSQL (embedded, or {@code AGENTSTORE_PG_URL}): a page of 50 of a declared kind, filtered and
 * ordered by its declared index, with the kind at 10k, 100k and (unless
 * {@code -Dbench.declared.max} says less) 1M rows; and appending a keyed event to a session's
 * {@code events} collection ({@link dev.agentstore.CollectionDefinition}) holding 10 and 100k
 * events. Rows and events are stored through the library in transactions of 5,000 (events in
 * appendAll calls of 1,000). Each size's pages are timed in rounds alternating with a second
 * kind of the same shape held at 10k rows, so the ratio compares like with like on a busy
 * machine. Prints medians in microseconds and the ratios the targets judge (page: at most 1.5x
 * from 10k to the largest size; append: at most 1.5x).
 *
 * <p>Usage: {@code mvn -B -q -Pbenchmarks -pl benchmarks -am -DskipTests package exec:java -Dexec.mainClass=dev.agentstore.bench.DeclaredKindScale}
 */
public final class DeclaredKindScale {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final String[] TYPES = {"webhook", "schedule", "event", "manual"};
  private static final KindDefinition TRIGGER = KindDefinition.builder("bench.dev", "Trigger")
      .idPrefix("btr")
      .field("spec.type", FieldType.STRING, FieldRule.required())
      .field("spec.nextRunAt", FieldType.TIMESTAMP)
      .index("spec.type", "spec.nextRunAt").build();
  /** The same shape kept at 10,000 rows: each size's pages are timed in rounds alternating with it. */
  private static final KindDefinition BASE = KindDefinition.builder("bench.dev", "BaseTrigger")
      .idPrefix("bbt")
      .field("spec.type", FieldType.STRING, FieldRule.required())
      .field("spec.nextRunAt", FieldType.TIMESTAMP)
      .index("spec.type", "spec.nextRunAt").build();
  private static final KindDefinition SESSION = KindDefinition.builder("bench.dev", "Session")
      .idPrefix("bse")
      .collection(CollectionDefinition.builder("events")
          .field("type", FieldType.STRING, FieldRule.required()).build())
      .build();

  private DeclaredKindScale() {}

  /**
   * Runs both measurements on each backend {@code -Dbench.declared.backends} names
   * ({@code sqlite,postgres} by default) and prints them.
   */
  public static void main(String[] args) throws Exception {
    int max = Integer.getInteger("bench.declared.max", 1_000_000);
    for (String backend : System.getProperty("bench.declared.backends", "sqlite,postgres")
        .split(",")) {
      Path dir = Files.createTempDirectory("declared-scale");
      try (BenchDb db = switch (backend.trim()) {
        case "sqlite" -> new SqliteDb(dir);
        case "postgres" -> PostgresDb.start(dir);
        default -> throw new IllegalArgumentException("bench.declared.backends: sqlite or"
            + " postgres, got " + backend);
      }) {
        run(db, max);
      }
    }
  }

  private static void run(BenchDb db, int max) {
    try (AgentStore store = AgentStore.builder().uri(db.uri()).kind(TRIGGER).kind(BASE)
        .kind(SESSION).open()) {
      String org = store.organizations().create(Organization.builder().name("bench").build())
          .id();
      AgentStore tenant = store.forOrg(org);
      ResourceRepository<CustomResource<ObjectNode, ObjectNode>> triggers =
          tenant.resources(TRIGGER);
      ResourceRepository<CustomResource<ObjectNode, ObjectNode>> base = tenant.resources(BASE);
      grow(tenant, BASE, org, 0, 10_000);
      int have = 0;
      for (int level : new int[] {10_000, 100_000, max}) {
        if (level > max || level <= have) {
          continue;
        }
        long t0 = System.nanoTime();
        have = grow(tenant, TRIGGER, org, have, level);
        double seeded = (System.nanoTime() - t0) / 1e9;
        // Rounds alternate between the kind at this size and the 10k one, so load that comes
        // and goes on a shared machine falls on both sides of the ratio.
        double[] large = new double[7];
        double[] small = new double[7];
        for (int r = 0; r < large.length; r++) {
          large[r] = pageRound(triggers);
          small[r] = pageRound(base);
        }
        Arrays.sort(large);
        Arrays.sort(small);
        double l = large[large.length / 2];
        double b = small[small.length / 2];
        System.out.printf("%s: page of 50 by declared index at %,d rows: %.0f µs, beside %.0f µs"
            + " at 10,000 rows in alternating rounds: ratio %.2f (seeded in %.0f s)%n", db.name(),
            level, l, b, l / b, seeded);
      }
      double few = appendMedian(tenant, org, 10);
      double many = appendMedian(tenant, org, 100_000);
      System.out.printf("%s: append at 10 events: %.0f µs; at 100,000: %.0f µs; ratio %.2f%n",
          db.name(), few, many, many / few);
    }
  }

  private static int grow(AgentStore tenant, KindDefinition kind, String org, int from, int to) {
    for (int start = from; start < to; start += 5000) {
      int end = Math.min(to, start + 5000);
      int s = start;
      tenant.runInTransaction(tx -> {
        var repo = tx.resources(kind);
        for (int i = s; i < end; i++) {
          repo.create(CustomResource.of(kind, Metadata.of(org, "t-" + i), JSON.objectNode()
              .put("type", TYPES[i % TYPES.length])
              .put("nextRunAt", Instant.ofEpochSecond(1_800_000_000L + i * 7919L % 10_000_000L)
                  .toString())));
        }
      });
    }
    return to;
  }

  /** One round: 100 pages of 50, microseconds per page. */
  private static double pageRound(
      ResourceRepository<CustomResource<ObjectNode, ObjectNode>> triggers) {
    long t0 = System.nanoTime();
    for (int i = 0; i < 100; i++) {
      Query q = Query.builder().where("spec.type", TYPES[i % TYPES.length])
          .where("spec.nextRunAt").greaterOrEqual("2027-01-01T00:00:00Z")
          .orderBy("spec.nextRunAt", false).pageSize(50).build();
      if (triggers.list(q).items().size() != 50) {
        throw new IllegalStateException("expected a full page");
      }
    }
    return (System.nanoTime() - t0) / 1e3 / 100;
  }

  private static double appendMedian(AgentStore tenant, String org, int existing) {
    CustomResourceRepository<ObjectNode, ObjectNode> sessions = tenant.resources(SESSION);
    String id = sessions.create(CustomResource.of(SESSION, Metadata.of(org, "s-" + existing),
        JSON.objectNode())).id();
    for (int start = 0; start < existing; start += 5000) {
      int end = Math.min(existing, start + 5000);
      int s = start;
      tenant.runInTransaction(tx -> {
        ItemCollection<ObjectNode> events = tx.resources(SESSION).collection(id, "events");
        for (int from = s; from < end; from += 1000) {
          List<ItemCollection.Entry<ObjectNode>> batch = new ArrayList<>();
          for (int i = from; i < Math.min(end, from + 1000); i++) {
            batch.add(ItemCollection.entry("evt-" + i, event()));
          }
          events.appendAll(batch);
        }
      });
    }
    ItemCollection<ObjectNode> events = sessions.collection(id, "events");
    double[] rounds = new double[7];
    int next = existing;
    for (int r = 0; r < rounds.length; r++) {
      long t0 = System.nanoTime();
      for (int i = 0; i < 50; i++) {
        events.append("evt-" + next++, event());
      }
      rounds[r] = (System.nanoTime() - t0) / 1e3 / 50;
    }
    if (events.count(ItemQuery.all()) != next) {
      throw new IllegalStateException("expected " + next + " events");
    }
    Arrays.sort(rounds);
    return rounds[rounds.length / 2];
  }

  private static ObjectNode event() {
    return JSON.objectNode().put("type", "message").put("text", "hello");
  }
}
