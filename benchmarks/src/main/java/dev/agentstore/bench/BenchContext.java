package dev.agentstore.bench;

import dev.agentstore.AgentStore;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * What the workloads of one backend share: the settings, the database, the library's store on
 * it, one raw connection to the same database, the raw twin of the storage operations, the
 * template documents, the harness and the results.
 *
 * <p>Usage: {@code new SingleOpWorkloads(ctx).run();}
 *
 * @param cfg the run's settings
 * @param db the database
 * @param store the library's store on {@code db}
 * @param conn a raw connection to {@code db}, with the library's settings
 * @param raw the raw statements
 * @param data the template documents in the library's row format
 * @param harness warm-up and measured runs
 * @param results where measurements and verdicts go
 */
record BenchContext(BenchConfig cfg, BenchDb db, AgentStore store, Connection conn, RawStore raw,
    Dataset data, Harness harness, Results results) {

  /** Opens the store and a raw connection on {@code db} and creates the template documents. */
  static BenchContext open(BenchConfig cfg, BenchDb db, Results results) throws SQLException {
    AgentStore store = db.openStore();
    RawStore raw = new RawStore(db.dialect());
    Dataset data = Dataset.create(store, db, raw);
    Connection conn = db.connect();
    return new BenchContext(cfg, db, store, conn, raw, data,
        new Harness(cfg.warmups(), cfg.runs()), results);
  }

  /** The backend's display name. */
  String backend() {
    return db.name();
  }

  /** Closes the raw connection and the store. */
  void close() {
    try {
      conn.close();
    } catch (SQLException e) {
      System.err.println("closing the raw connection: " + e.getMessage());
    }
    store.close();
  }
}
