package dev.agentstore.sql.internal;

import dev.agentstore.postgres.PostgresDialect;
import dev.agentstore.sql.DialectStrategy;

/** {@link MultiRowInsertContract} on the PostgreSQL dialect. */
class PostgresMultiRowInsertTest extends MultiRowInsertContract {
  @Override
  protected DialectStrategy dialect() {
    return new PostgresDialect();
  }
}
