/**
 * The agentstore public API: typed resources, repositories, queries, errors, the
 * {@link dev.agentstore.AgentStore} facade, and the SPI backends implement.
 *
 * <p>Usage: {@code requires dev.agentstore;} plus a backend module on the module path (for example
 * {@code dev.agentstore.local}), then {@code AgentStore.open("local:./data")}.
 *
 * <p>{@code dev.agentstore.internal} is not exported: it is the one implementation of the
 * semantics and free to change.
 */
module dev.agentstore {
  // JsonNode (Query, ResourceVersion, unknown fields) and Tink's Aead/KeysetHandle (SecretKeys)
  // appear in exported signatures, so users read them through this module.
  requires transitive com.fasterxml.jackson.databind;
  requires transitive com.google.crypto.tink;
  requires com.fasterxml.jackson.datatype.jsr310;
  // Tink is an automatic module, so it cannot declare that it needs Gson (for JSON keysets);
  // without this the boot layer leaves Gson out and sealing fails with NoClassDefFoundError.
  requires com.google.gson;
  // Observability (dev.agentstore.observe) is optional: present only when the user adds it.
  requires static micrometer.core;
  requires static io.opentelemetry.api;
  requires static io.opentelemetry.context;

  exports dev.agentstore;
  exports dev.agentstore.model;
  exports dev.agentstore.artifact;
  exports dev.agentstore.history;
  exports dev.agentstore.secret;
  exports dev.agentstore.observe;
  exports dev.agentstore.spi;

  // Jackson binds the model records, Metadata and the file store's attribute record by
  // reflection (record constructors, private fields behind @JsonAnySetter).
  opens dev.agentstore to com.fasterxml.jackson.databind;
  opens dev.agentstore.model to com.fasterxml.jackson.databind;
  opens dev.agentstore.internal.artifacts to com.fasterxml.jackson.databind;

  uses dev.agentstore.spi.BackendProvider;
  uses dev.agentstore.spi.ArtifactStoreProvider;

  provides dev.agentstore.spi.ArtifactStoreProvider
      with dev.agentstore.internal.artifacts.FileArtifactStoreProvider;
}
