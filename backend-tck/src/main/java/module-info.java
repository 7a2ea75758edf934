/**
 * The agentstore conformance suite: abstract JUnit 5 classes a backend subclasses, one per suite.
 *
 * <p>Usage: {@code class MyRepositoryTest extends RepositoryTck { protected AgentStore.Builder
 * newStoreBuilder() { ... } }}. The suites use only the exported API of {@code dev.agentstore}.
 */
module dev.agentstore.tck {
  // Subclasses see AgentStore, JUnit's annotations and AssertJ through the suites' signatures.
  requires transitive dev.agentstore;
  requires transitive org.junit.jupiter.api;
  requires transitive org.junit.jupiter.params;
  requires transitive org.assertj.core;
  // QuietOpenCheck records what a store logs while it opens (slf4j events, through logback).
  requires org.slf4j;
  requires ch.qos.logback.classic;
  requires ch.qos.logback.core;
  // ObservabilityTck: a real Micrometer registry and the OpenTelemetry SDK's in-memory exporter.
  requires micrometer.core;
  requires io.opentelemetry.api;
  requires io.opentelemetry.context;
  requires io.opentelemetry.sdk;
  requires io.opentelemetry.sdk.trace;
  requires io.opentelemetry.sdk.testing;

  exports dev.agentstore.tck;

  // JUnit discovers and invokes the suites' (package-private) test methods by reflection.
  opens dev.agentstore.tck to org.junit.platform.commons;
}
