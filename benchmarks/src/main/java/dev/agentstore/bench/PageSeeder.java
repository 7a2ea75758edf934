package dev.agentstore.bench;

import dev.agentstore.Ids;
import dev.agentstore.Kind;
import dev.agentstore.model.ExecutionPhase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Grows the agent_executions table to a row count with raw JDBC batch inserts of clones of the
 * library's own template row (fresh id, slug and created_at; orgs and phases spread evenly),
 * a few large transactions at a time, instead of creating a million executions one by one
 * through the library. Creation times increase with the row number, so newer rows sort first.
 *
 * <p>Usage: {@code PageSeeder s = new PageSeeder(db, raw, template, orgs); s.growTo(100_000);}
 */
final class PageSeeder {
  /** The phases rows are spread over. */
  static final List<ExecutionPhase> PHASES = List.of(ExecutionPhase.values());
  private static final int BATCH = 5_000;
  private static final int TRANSACTION = 50_000;
  private final BenchDb db;
  private final RawStore raw;
  private final Row template;
  private final List<String> orgs;
  private final Instant base =
      Instant.now().minus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MICROS);
  private final Shaper shaper;
  private int rows;

  /**
   * Turns the seeder's row {@code n} into the row inserted (other documents, another creation
   * time), for workloads that need more variety than org and phase.
   */
  @FunctionalInterface
  interface Shaper {
    /** The row to insert in place of {@code row}, the {@code n}-th seeded. */
    Row shape(int n, Row row);
  }

  /** A seeder of rows like {@code template}, spread over {@code orgs}. */
  PageSeeder(BenchDb db, RawStore raw, Row template, List<String> orgs) {
    this(db, raw, template, orgs, (n, row) -> row);
  }

  /** A seeder of rows like {@code template}, spread over {@code orgs}, each passed through {@code shaper}. */
  PageSeeder(BenchDb db, RawStore raw, Row template, List<String> orgs, Shaper shaper) {
    this.db = db;
    this.raw = raw;
    this.template = template;
    this.orgs = List.copyOf(orgs);
    this.shaper = shaper;
  }

  /** The creation time of the first seeded row; row {@code n} is {@code n * 10} µs later. */
  Instant base() {
    return base;
  }

  /** Inserts rows until the seeded count reaches {@code target}; returns the seconds it took. */
  double growTo(int target) throws SQLException {
    long t0 = System.nanoTime();
    try (Connection c = db.connectForSeeding()) {
      while (rows < target) {
        int end = Math.min(target, rows + TRANSACTION);
        raw.begin(c, true);
        try {
          while (rows < end) {
            int n = Math.min(BATCH, end - rows);
            List<Row> batch = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
              int at = rows++;
              batch.add(shaper.shape(at, row(at)));
            }
            raw.insertBatch(c, RawTable.AGENT_EXECUTIONS, batch);
          }
          raw.commit(c);
        } catch (SQLException | RuntimeException e) {
          raw.rollback(c);
          throw e;
        }
      }
      if (raw.dialect() == RawStore.Dialect.POSTGRES) {
        // Fresh planner statistics after a bulk load, as autovacuum would soon give; both sides
        // run on them.
        c.setAutoCommit(true);
        try (Statement st = c.createStatement()) {
          st.execute("ANALYZE agent_executions");
        }
      }
    }
    return (System.nanoTime() - t0) / 1e9;
  }

  /** The org of row {@code n}'s filter value. */
  String org(int n) {
    return orgs.get(n % orgs.size());
  }

  /** The phase of row {@code n}. */
  static ExecutionPhase phase(int n, int orgCount) {
    return PHASES.get((n / orgCount) % PHASES.size());
  }

  private Row row(int n) {
    ExecutionPhase phase = phase(n, orgs.size());
    List<String> extras = new ArrayList<>(template.extras());
    extras.set(0, phase.name());
    String status = template.status().replace("\"PENDING\"", "\"" + phase.name() + "\"");
    Instant at = base.plus(n * 10L, ChronoUnit.MICROS);
    Row clone = template.withIdentity(Ids.next(Kind.AGENT_EXECUTION), "page-" + n, at)
        .withDocuments(status, extras);
    return new Row(clone.id(), org(n), clone.slug(), clone.name(), clone.version(),
        clone.labels(), clone.metadata(), clone.spec(), clone.status(), clone.extras(),
        clone.createdAt(), clone.updatedAt(), clone.createdBy(), clone.updatedBy());
  }
}
