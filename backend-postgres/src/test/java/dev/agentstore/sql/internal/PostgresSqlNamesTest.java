package dev.agentstore.sql.internal;

import dev.agentstore.postgres.PostgresDialect;
import org.jooq.Schema;

/** {@link SqlNamesContract} on the Postgres dialect's generated schema. */
class PostgresSqlNamesTest extends SqlNamesContract {
  @Override
  protected Schema schema() {
    return new PostgresDialect().schema();
  }
}
