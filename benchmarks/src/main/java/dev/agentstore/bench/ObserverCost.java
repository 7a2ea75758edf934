package dev.agentstore.bench;

import dev.agentstore.AgentStore;
import dev.agentstore.Metadata;
import dev.agentstore.model.Agent;
import dev.agentstore.model.AgentSpec;
import dev.agentstore.model.Organization;
import dev.agentstore.model.OrganizationSpec;
import dev.agentstore.observe.MicrometerObserver;
import dev.agentstore.observe.OpenTelemetryObserver;
import dev.agentstore.observe.StoreObserver;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * The cost of observing a store: the same get-by-id loop on SQLite without an observer, with
 * Micrometer (a SimpleMeterRegistry), with OpenTelemetry (the no-op API, no SDK) and with both;
 * prints the median of five rounds in microseconds per call.
 *
 * <p>Usage: {@code mvn -B -q -Pbenchmarks -pl benchmarks -am -DskipTests package exec:java -Dexec.mainClass=dev.agentstore.bench.ObserverCost}
 */
public final class ObserverCost {
  private static final int CALLS = 20_000;

  private ObserverCost() {}

  /** Runs the four variants and prints one line each. */
  public static void main(String[] args) throws Exception {
    Path dir = Files.createTempDirectory("observer-cost");
    run("none", dir.resolve("none"), () -> null);
    run("micrometer", dir.resolve("micrometer"),
        () -> new MicrometerObserver(new SimpleMeterRegistry()));
    run("opentelemetry-noop", dir.resolve("otel"),
        () -> new OpenTelemetryObserver(OpenTelemetry.noop()));
    run("both", dir.resolve("both"), () -> StoreObserver.all(
        new MicrometerObserver(new SimpleMeterRegistry()),
        new OpenTelemetryObserver(OpenTelemetry.noop())));
  }

  private static void run(String name, Path dir, Supplier<StoreObserver> observer) {
    AgentStore.Builder b = AgentStore.builder().uri("local:" + dir);
    StoreObserver o = observer.get();
    if (o != null) {
      b.observer(o);
    }
    try (AgentStore store = b.open()) {
      String org = store.organizations().create(new Organization(Metadata.of(null, "bench"),
          OrganizationSpec.builder().description("bench").build(), null)).id();
      String id = store.agents().create(new Agent(Metadata.of(org, "a"),
          AgentSpec.builder().description("d").instructions("i").build(), null)).id();
      double[] rounds = new double[5];
      for (int warm = 0; warm < 2; warm++) {
        loop(store, id);
      }
      for (int r = 0; r < rounds.length; r++) {
        long t0 = System.nanoTime();
        loop(store, id);
        rounds[r] = (System.nanoTime() - t0) / 1000.0 / CALLS;
      }
      Arrays.sort(rounds);
      System.out.printf("%-20s %.2f us per get (median of 5 rounds of %d)%n", name, rounds[2],
          CALLS);
    }
  }

  private static void loop(AgentStore store, String id) {
    for (int i = 0; i < CALLS; i++) {
      if (store.agents().get(id).isEmpty()) {
        throw new IllegalStateException("lost " + id);
      }
    }
  }
}
