package dev.agentstore.sql.internal;

import dev.agentstore.local.SqliteDialect;
import dev.agentstore.sql.DialectStrategy;

/** {@link MultiRowInsertContract} on the SQLite dialect. */
class SqliteMultiRowInsertTest extends MultiRowInsertContract {
  @Override
  protected DialectStrategy dialect() {
    return new SqliteDialect();
  }
}
