package dev.agentstore.examples.snippets;

import dev.agentstore.AgentStore;
import dev.agentstore.observe.MicrometerObserver;
import dev.agentstore.observe.OpenTelemetryObserver;
import dev.agentstore.observe.StoreObserver;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;

/** The usage lines of dev.agentstore.observe, as compiled code (see JavadocSnippetsTest). */
final class ObserveSnippets {
  private ObserveSnippets() {}

  static AgentStore micrometer(MeterRegistry registry) {
    return AgentStore.builder().observer(new MicrometerObserver(registry)).open();
  }

  static AgentStore micrometerAt(MeterRegistry registry) {
    return AgentStore.builder().uri("local:/tmp/s").observer(new MicrometerObserver(registry)).open();
  }

  static AgentStore tracing(OpenTelemetry openTelemetry) {
    return AgentStore.builder().observer(new OpenTelemetryObserver(openTelemetry)).open();
  }

  static StoreObserver both(MeterRegistry registry, OpenTelemetry otel) {
    return StoreObserver.all(new MicrometerObserver(registry), new OpenTelemetryObserver(otel));
  }

  static String outcome(RuntimeException e) {
    String outcome = StoreObserver.outcome(e);
    return outcome;
  }

  static Runnable watch(StoreObserver observer, StoreObserver.PoolUsage usage) {
    Runnable unwatch = observer.watchPool("agentstore-postgres", usage);
    return unwatch;
  }
}
