/**
 * The one jOOQ implementation of the agentstore SPI, shared by every SQL backend; a backend adds
 * migrations and a {@link dev.agentstore.sql.DialectStrategy}.
 *
 * <p>Usage: {@code requires dev.agentstore.sql;} in a backend module, then
 * {@code new SqlBackend(...)} with its dialect.
 *
 * <p>{@code dev.agentstore.sql.internal} is not exported, not even to the backends: they reach it
 * only through {@link dev.agentstore.sql.SqlBackend}.
 */
module dev.agentstore.sql {
  requires transitive dev.agentstore;
  // DSLContext, SQLDialect, Field and Condition appear in DialectStrategy's signatures.
  requires transitive org.jooq;
  requires transitive java.sql;
  // The shared wiring (pool, migration gate) is built on these.
  requires com.zaxxer.hikari;
  requires flyway.core;

  exports dev.agentstore.sql;
}
