package dev.agentstore.observe;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;

/**
 * OpenTelemetry spans of a store's operations: one CLIENT span per call, named
 * {@code <op> <kind>} (e.g. {@code create Agent}), current while the call runs (so the calls
 * of an {@code inTransaction} are children of its span), with the attributes
 * {@code db.system.name} and {@code db.system} ({@code sqlite} or {@code postgresql}),
 * {@code db.operation.name}, {@code agentstore.kind} and {@code agentstore.outcome}; a failed call
 * records its exception and ERROR status. A re-run after a lost race adds the event
 * {@code agentstore.retry} to the current span, a SQLite lock wait the event
 * {@code agentstore.busy_wait} and its giving up {@code agentstore.busy_timeout}. Needs {@code io.opentelemetry:opentelemetry-api}
 * on the class path.
 *
 * <p>Usage: {@code AgentStore.builder().observer(new OpenTelemetryObserver(openTelemetry)).open()}
 */
public final class OpenTelemetryObserver implements StoreObserver {
  /** The instrumentation scope name of the tracer. */
  public static final String SCOPE = "dev.agentstore";

  private final Tracer tracer;
  private final String dbSystem;

  /** Reports to {@code openTelemetry}'s tracer {@value #SCOPE}. */
  public OpenTelemetryObserver(OpenTelemetry openTelemetry) {
    this(tracer(openTelemetry), "unknown");
  }

  private OpenTelemetryObserver(Tracer tracer, String dbSystem) {
    this.tracer = tracer;
    this.dbSystem = dbSystem;
  }

  private static Tracer tracer(OpenTelemetry openTelemetry) {
    if (openTelemetry == null) {
      throw new dev.agentstore.InvalidArgumentException("openTelemetry", "required");
    }
    return openTelemetry.getTracer(SCOPE);
  }

  @Override
  public StoreObserver forDatabase(String system) {
    return new OpenTelemetryObserver(tracer, system);
  }

  @Override
  public Operation start(String kind, String op) {
    Span span = tracer.spanBuilder(op + " " + kind)
        .setSpanKind(SpanKind.CLIENT)
        .setAttribute("db.system.name", dbSystem)
        .setAttribute("db.system", dbSystem)
        .setAttribute("db.operation.name", op)
        .setAttribute("agentstore.kind", kind)
        .startSpan();
    Scope scope = span.makeCurrent();
    return failure -> {
      try {
        String outcome = StoreObserver.outcome(failure);
        span.setAttribute("agentstore.outcome", outcome);
        if (failure != null) {
          span.recordException(failure);
          span.setStatus(StatusCode.ERROR, outcome);
        }
      } finally {
        scope.close();
        span.end();
      }
    };
  }

  @Override
  public void retried(String what) {
    Span.current().addEvent("agentstore.retry",
        io.opentelemetry.api.common.Attributes.of(
            io.opentelemetry.api.common.AttributeKey.stringKey("what"), what));
  }

  @Override
  public void busyWaited(int attempt, long sleptNanos) {
    if (attempt == 0) {
      Span.current().addEvent("agentstore.busy_wait");
    }
  }

  @Override
  public void busyTimedOut(long waitedNanos) {
    Span.current().addEvent("agentstore.busy_timeout",
        io.opentelemetry.api.common.Attributes.of(
            io.opentelemetry.api.common.AttributeKey.longKey("waited_ms"), waitedNanos / 1_000_000));
  }
}
