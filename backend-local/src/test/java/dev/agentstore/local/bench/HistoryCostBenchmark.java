package dev.agentstore.local.bench;

import dev.agentstore.AgentStore;
import dev.agentstore.Ids;
import dev.agentstore.Kind;
import dev.agentstore.Metadata;
import dev.agentstore.history.ResourceVersion;
import dev.agentstore.internal.DefaultAgentStore;
import dev.agentstore.model.Agent;
import dev.agentstore.model.AgentSpec;
import dev.agentstore.model.Organization;
import dev.agentstore.model.OrganizationSpec;
import dev.agentstore.spi.Backend;
import dev.agentstore.spi.HistoryRecord;
import dev.agentstore.spi.StoredResource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * What history costs on write throughput, on SQLite: times N single-row write transactions that
 * insert an Agent row through the SPI with and without its history row (the same row and snapshot
 * the facade writes), alternating rounds to even out disk noise, and the full facade create for
 * reference. A manual harness, never a unit test: timings depend on the machine.
 *
 * <p>Usage: {@code mvn -q -pl backend-local -am test-compile exec:java
 * -Dexec.classpathScope=test -Dexec.mainClass=dev.agentstore.local.bench.HistoryCostBenchmark
 * -Dexec.args="2000 FULL"} (arguments: creates per round, SQLite synchronous mode)
 */
public final class HistoryCostBenchmark {
  private static final int ROUNDS = 5;
  private HistoryCostBenchmark() {}

  /** Runs the benchmark; see the class comment for the arguments. */
  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    String sync = args.length > 1 ? args[1] : "FULL";
    Path dir = Files.createTempDirectory("agentstore-bench-");
    try (AgentStore store = AgentStore.builder().uri("local:" + dir).option("synchronous", sync)
        .open()) {
      Backend backend = ((DefaultAgentStore) store).backend();
      Organization org = store.organizations().create(new Organization(
          Metadata.of(null, "Bench"), OrganizationSpec.builder().description("bench")
              .build(), null));
      Agent template = store.agents().create(new Agent(Metadata.of(org.id(), "template"),
          AgentSpec.builder().description("bench agent").instructions("Be brief and precise.")
              .mcpServers(List.of()).skillRefs(List.of()).subAgents(List.of()).build(), null));
      StoredResource row = backend.read(tx -> tx.find(Kind.AGENT, template.id())).orElseThrow();
      ResourceVersion entry = store.history().get(template.id(), 1).orElseThrow();
      String snapshot = entry.snapshot().toString();

      System.out.printf("SQLite synchronous=%s, %d creates per round, snapshot %d bytes%n", sync,
          n, snapshot.length());
      run(backend, row, snapshot, n, true); // warm-up: JIT, pools, page cache
      run(backend, row, snapshot, n, false);
      double[] with = new double[ROUNDS];
      double[] without = new double[ROUNDS];
      for (int round = 0; round < ROUNDS; round++) {
        boolean withFirst = round % 2 == 1; // alternate, so drift does not favour one side
        if (withFirst) {
          with[round] = run(backend, row, snapshot, n, true);
        }
        without[round] = run(backend, row, snapshot, n, false);
        if (!withFirst) {
          with[round] = run(backend, row, snapshot, n, true);
        }
        System.out.printf("round %d: without history %.0f creates/s, with history %.0f/s%n",
            round + 1, without[round], with[round]);
      }
      double w = median(with);
      double wo = median(without);
      System.out.printf("median: without %.0f/s, with %.0f/s: history costs %.1f%% of write"
          + " throughput (%.1f us per create)%n", wo, w, 100 * (1 - w / wo),
          1e6 / w - 1e6 / wo);
      long t0 = System.nanoTime();
      for (int i = 0; i < n; i++) {
        store.agents().create(new Agent(Metadata.of(org.id(), "facade-" + i),
            template.spec(), null));
      }
      System.out.printf("facade create (validation, codec, history): %.0f creates/s%n",
          n / ((System.nanoTime() - t0) / 1e9));
    }
  }

  /** Inserts n agents, one transaction each; returns creates per second. */
  private static double run(Backend backend, StoredResource template, String snapshot, int n,
      boolean history) {
    long t0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      String id = Ids.next(Kind.AGENT);
      Instant now = Instant.now();
      StoredResource row = template.toBuilder().kind(Kind.AGENT).id(id).slug("a-" + id)
          .version(1).createdAt(now).updatedAt(now).createdBy("bench").updatedBy("bench")
          .build();
      backend.write(tx -> {
        tx.insert(row);
        if (history) {
          tx.appendHistory(HistoryRecord.builder().id(Ids.next(Kind.API_RESOURCE_VERSION))
              .kind(Kind.AGENT).resourceId(id).org(row.org()).resourceVersion(1)
              .event(dev.agentstore.history.ChangeEvent.CREATED).snapshotJson(snapshot)
              .actor("bench").createdAt(now).build());
        }
        return null;
      });
    }
    return n / ((System.nanoTime() - t0) / 1e9);
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    java.util.Arrays.sort(s);
    return s[s.length / 2];
  }
}
