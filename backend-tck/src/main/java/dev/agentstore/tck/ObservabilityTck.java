package dev.agentstore.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentstore.AgentStore;
import dev.agentstore.ConflictException;
import dev.agentstore.CustomResource;
import dev.agentstore.FieldType;
import dev.agentstore.InvalidArgumentException;
import dev.agentstore.KindDefinition;
import dev.agentstore.Metadata;
import dev.agentstore.model.Agent;
import dev.agentstore.model.Organization;
import dev.agentstore.observe.MicrometerObserver;
import dev.agentstore.observe.OpenTelemetryObserver;
import dev.agentstore.observe.StoreObserver;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.lang.reflect.Proxy;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Observability: a store opened with a {@link MicrometerObserver} times every repository call
 * under {@code agentstore.operation} (kind, op, outcome) and counts conflicts; one with an
 * {@link OpenTelemetryObserver} makes one span per call with the database system; one without
 * an observer wraps nothing. The store's connection pools show as {@code agentstore.pool.*}
 * gauges and an edit that lost a race as {@code agentstore.retries}.
 *
 * <p>Usage: {@code class LocalObservabilityTest extends ObservabilityTck { ... }} (a backend also
 * names its {@link #dbSystem()}).
 */
public abstract class ObservabilityTck extends TckSupport {

  /** The {@code db.system.name} the backend's spans carry: {@code sqlite} or {@code postgresql}. */
  protected abstract String dbSystem();

  private static Timer timer(SimpleMeterRegistry registry, String kind, String op,
      String outcome) {
    return registry.find(MicrometerObserver.OPERATION)
        .tags("kind", kind, "op", op, "outcome", outcome).timer();
  }

  @Test
  void micrometerTimesEachOperationByKindOpAndOutcome() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    AgentStore s = open(freshLocation().observer(new MicrometerObserver(registry)));
    Organization org = newOrg(s);
    Agent agent = newAgent(s, org.id(), unique("agent"));
    s.agents().update(agent.withSpec(agent.spec().withInstructions("Be kind.")));
    assertThatThrownBy(() -> s.agents().update(agent)) // the stale version: a conflict
        .isInstanceOf(ConflictException.class);
    assertThatThrownBy(() -> s.agents().get("not an id"))
        .isInstanceOf(InvalidArgumentException.class);
    assertThat(s.agents().get(agent.id())).isPresent();
    s.inTransaction(tx -> tx.agents().get(agent.id()));

    assertThat(timer(registry, "Organization", "create", "success").count()).isEqualTo(1);
    assertThat(timer(registry, "Agent", "create", "success").count()).isEqualTo(1);
    assertThat(timer(registry, "Agent", "update", "success").count()).isEqualTo(1);
    assertThat(timer(registry, "Agent", "update", "conflict").count()).isEqualTo(1);
    assertThat(timer(registry, "Agent", "get", "invalid_argument").count()).isEqualTo(1);
    assertThat(timer(registry, "Agent", "get", "success").count()).isEqualTo(2);
    assertThat(timer(registry, "Store", "inTransaction", "success").count()).isEqualTo(1);
    assertThat(timer(registry, "Agent", "create", "success").totalTime(
        java.util.concurrent.TimeUnit.NANOSECONDS)).isPositive();
    assertThat(registry.find(MicrometerObserver.CONFLICTS).tags("kind", "Agent", "op", "update")
        .counter().count()).isEqualTo(1.0);
  }

  @Test
  void declaredKindsAreTaggedWithTheirGroupSoTwoApplicationsKindsNeverShareATimer() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    KindDefinition swarm = KindDefinition.builder("swarm.dev", "Event").idPrefix("sev")
        .field("spec.type", FieldType.STRING).build();
    KindDefinition amelia = KindDefinition.builder("amelia.dev", "Event").idPrefix("aev")
        .field("spec.type", FieldType.STRING).build();
    AgentStore s = open(freshLocation().kind(swarm).kind(amelia)
        .observer(new MicrometerObserver(registry)));
    Organization org = newOrg(s);
    ObjectNode spec = JsonNodeFactory.instance.objectNode().put("type", "started");
    s.resources(swarm).create(CustomResource.of(swarm, Metadata.of(org.id(), unique("e")), spec));
    s.resources(amelia, ObjectNode.class, ObjectNode.class).create(
        CustomResource.of(amelia, Metadata.of(org.id(), unique("e")), spec));
    s.resources(amelia).list(dev.agentstore.Query.all());

    assertThat(timer(registry, "swarm.dev/Event", "create", "success").count()).isEqualTo(1);
    assertThat(timer(registry, "amelia.dev/Event", "create", "success").count()).isEqualTo(1);
    assertThat(timer(registry, "amelia.dev/Event", "list", "success").count()).isEqualTo(1);
    assertThat(registry.find(MicrometerObserver.OPERATION).tags("kind", "Event").timers())
        .as("a bare kind name would merge both applications' Event").isEmpty();
  }

  @Test
  void openTelemetryMakesOneSpanPerOperationNestedInItsTransaction() {
    InMemorySpanExporter exporter = InMemorySpanExporter.create();
    SdkTracerProvider tracing = SdkTracerProvider.builder()
        .addSpanProcessor(SimpleSpanProcessor.create(exporter)).build();
    try (OpenTelemetrySdk otel = OpenTelemetrySdk.builder().setTracerProvider(tracing).build()) {
      AgentStore s = open(freshLocation().observer(new OpenTelemetryObserver(otel)));
      Organization org = s.inTransaction(tx -> newOrg(tx));
      assertThatThrownBy(() -> s.organizations().get("bad id"))
          .isInstanceOf(InvalidArgumentException.class);
      assertThat(s.organizations().get(org.id())).isPresent();

      List<SpanData> spans = exporter.getFinishedSpanItems();
      SpanData tx = only(spans, "inTransaction Store");
      SpanData create = only(spans, "create Organization");
      assertThat(create.getParentSpanId()).isEqualTo(tx.getSpanId());
      assertThat(create.getTraceId()).isEqualTo(tx.getTraceId());
      for (SpanData span : spans) {
        assertThat(span.getAttributes().get(AttributeKey.stringKey("db.system.name")))
            .as(span.getName()).isEqualTo(dbSystem());
      }
      assertThat(create.getAttributes().get(AttributeKey.stringKey("agentstore.kind")))
          .isEqualTo("Organization");
      assertThat(create.getAttributes().get(AttributeKey.stringKey("agentstore.outcome")))
          .isEqualTo(StoreObserver.SUCCESS);
      List<SpanData> gets = spans.stream().filter(d -> d.getName().equals("get Organization"))
          .toList();
      assertThat(gets).hasSize(2);
      assertThat(gets.get(0).getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
      assertThat(gets.get(0).getAttributes().get(AttributeKey.stringKey("agentstore.outcome")))
          .isEqualTo("invalid_argument");
      assertThat(gets.get(0).getEvents()).anyMatch(e -> e.getName().equals("exception"));
      assertThat(gets.get(1).getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    }
  }

  @Test
  void bothObserversTogetherAndNoneWrapsNothing() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    InMemorySpanExporter exporter = InMemorySpanExporter.create();
    try (OpenTelemetrySdk otel = OpenTelemetrySdk.builder().setTracerProvider(
        SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter))
            .build()).build()) {
      AgentStore s = open(freshLocation().observer(StoreObserver.all(
          new MicrometerObserver(registry), new OpenTelemetryObserver(otel))));
      Organization org = newOrg(s);
      s.forOrg(org.id()).as("alice").sessions().list(dev.agentstore.Query.all());
      assertThat(timer(registry, "Session", "list", "success").count()).isEqualTo(1);
      assertThat(registry.find(MicrometerObserver.POOL + ".max").gauges())
          .as("StoreObserver.all hands the pools on").isNotEmpty();
      assertThat(exporter.getFinishedSpanItems()).extracting(SpanData::getName)
          .containsExactly("create Organization", "list Session");
      assertThat(Proxy.isProxyClass(s.agents().getClass())).isTrue();
    }
    // The unobserved store of every other test hands out the repositories themselves.
    assertThat(Proxy.isProxyClass(store.agents().getClass())).isFalse();
    assertThat(Proxy.isProxyClass(store.agentExecutions().getClass())).isFalse();
    assertThat(Proxy.isProxyClass(store.history().getClass())).isFalse();
  }

  @Test
  void retriesCountsAnEditThatLostARace() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    AgentStore s = open(freshLocation().observer(new MicrometerObserver(registry)));
    Organization org = newOrg(s);
    Agent agent = newAgent(s, org.id(), unique("agent"));
    AtomicInteger calls = new AtomicInteger();
    Agent edited = s.agents().edit(agent.id(), current -> {
      if (calls.getAndIncrement() == 0) { // a rival write between the edit's read and its write
        s.agents().update(current.withSpec(current.spec().withInstructions("Rival.")));
      }
      return current.withSpec(current.spec().withInstructions("Mine."));
    });

    assertThat(calls).hasValue(2);
    assertThat(edited.spec().instructions()).isEqualTo("Mine.");
    assertThat(edited.metadata().version()).isEqualTo(agent.metadata().version() + 2);
    assertThat(registry.find(MicrometerObserver.RETRIES).tags("what", "edit").counter().count())
        .isEqualTo(1.0);
    assertThat(registry.find(MicrometerObserver.RETRIES).tags("what", "transaction").counter())
        .isNull();
    assertThat(timer(registry, "Agent", "edit", "success").count()).isEqualTo(1);
  }

  @Test
  void poolGaugesReadEachPoolLiveUntilTheStoreCloses() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    AgentStore s = open(freshLocation().observer(new MicrometerObserver(registry)));
    newOrg(s);
    Collection<Gauge> max = registry.find(MicrometerObserver.POOL + ".max").gauges();
    assertThat(max).as("one max gauge per pool").isNotEmpty();
    for (Gauge g : max) {
      String pool = g.getId().getTag("pool");
      double size = g.value();
      double active = pool(registry, "active", pool);
      double idle = pool(registry, "idle", pool);
      assertThat(size).as(pool).isGreaterThanOrEqualTo(1);
      assertThat(active).as(pool).isBetween(0.0, size);
      assertThat(idle).as(pool).isBetween(0.0, size);
      assertThat(active + idle).as(pool).isLessThanOrEqualTo(size);
      assertThat(pool(registry, "pending", pool)).as(pool).isGreaterThanOrEqualTo(0);
    }
    // A transaction holds a connection while it runs.
    double activeInside = s.inTransaction(tx -> {
      newOrg(tx);
      return sum(registry, "active");
    });
    assertThat(activeInside).isGreaterThanOrEqualTo(1);

    s.close();
    assertThat(sum(registry, "max")).as("a closed store's pools are no longer counted")
        .isZero();
    assertThat(sum(registry, "active") + sum(registry, "idle")).isZero();
  }

  private static double pool(SimpleMeterRegistry registry, String what, String pool) {
    return registry.get(MicrometerObserver.POOL + "." + what).tag("pool", pool).gauge().value();
  }

  private static double sum(SimpleMeterRegistry registry, String what) {
    return registry.find(MicrometerObserver.POOL + "." + what).gauges().stream()
        .mapToDouble(Gauge::value).sum();
  }

  private static SpanData only(List<SpanData> spans, String name) {
    List<SpanData> found = spans.stream().filter(d -> d.getName().equals(name)).toList();
    assertThat(found).as("spans named %s in %s", name, spans).hasSize(1);
    return found.get(0);
  }
}
