package dev.agentstore.sql.internal;

import dev.agentstore.local.SqliteDialect;
import org.jooq.Schema;

/** {@link SqlNamesContract} on the Sqlite dialect's generated schema. */
class SqliteSqlNamesTest extends SqlNamesContract {
  @Override
  protected Schema schema() {
    return new SqliteDialect().schema();
  }
}
