package dev.agentstore.bench;

import dev.agentstore.Query;
import dev.agentstore.model.ExecutionPhase;
import java.util.ArrayList;
import java.util.List;

/**
 * A 50-row page of agent executions filtered by org and phase, newest first, with the table at
 * 10k, 100k and 1M rows: the library's {@code list} beside the same SELECT (51 rows) plus the
 * two child-item queries through raw JDBC. Each operation reads the page of the next of 20
 * (org, phase) pairs. Judges the 1.2× target per size and the scaling target.
 *
 * <p>Usage: {@code new PageWorkload(ctx).run();}
 */
final class PageWorkload {
  private static final int ORGS = 4;
  private static final int PAGE = 50;
  private final BenchContext ctx;

  /** The workload on {@code ctx}'s backend. */
  PageWorkload(BenchContext ctx) {
    this.ctx = ctx;
  }

  /** Seeds each size in turn and measures it, then judges the scaling. */
  void run() throws Exception {
    List<String> orgs = new ArrayList<>();
    for (int i = 0; i < ORGS; i++) {
      orgs.add(ctx.store().organizations().create(Dataset.organization("page-org-" + i)).id());
    }
    PageSeeder seeder = new PageSeeder(ctx.db(), ctx.raw(), ctx.data().executionRow(), orgs);
    List<Integer> levels = ctx.cfg().pageLevels();
    for (int rows : levels) {
      double secs = seeder.growTo(rows);
      System.out.printf("  %-10s seeded agent_executions to %,d rows in %.1f s%n",
          ctx.backend(), rows, secs);
      measure(rows, orgs, String.format("seeded in %.0f s", secs));
    }
    int lo = levels.get(0);
    int hi = levels.get(levels.size() - 1);
    double scale = median("" + hi) / median("" + lo);
    ctx.results().judge(Verdict.of(Target.PAGE_SCALING, ctx.backend(),
        String.format("page at %,d vs %,d rows", hi, lo), scale, String.format("%.2f×", scale),
        "page.scaling"));
  }

  /** Fails unless a page is full whenever the (org, phase) pair has enough rows. */
  private static void check(int size, int rows, int pairs) {
    if (size != PAGE && rows / pairs >= PAGE) {
      throw new IllegalStateException("expected a page of " + PAGE + ", got " + size);
    }
  }

  /** The phase of the {@code i}-th (org, phase) pair. */
  private static ExecutionPhase phase(int i) {
    return PageSeeder.PHASES.get((i / ORGS) % PageSeeder.PHASES.size());
  }

  private double median(String param) {
    return ctx.results().find(ctx.backend(), "page (org + phase, 50)", param).orElseThrow()
        .sample().libStats().median();
  }

  private void measure(int rows, List<String> orgs, String note) {
    int pairs = ORGS * PageSeeder.PHASES.size();
    List<Query> queries = new ArrayList<>();
    for (int i = 0; i < pairs; i++) {
      queries.add(Query.builder().org(orgs.get(i % ORGS)).phase(phase(i))
          .orderBy(Query.OrderBy.CREATED_AT, true).pageSize(PAGE).build());
    }
    Sample s = ctx.harness().measure(Harness.trial(
        i -> check(ctx.store().agentExecutions().list(queries.get(i % pairs)).items().size(),
            rows, pairs),
        i -> check(ctx.raw().page(ctx.conn(), orgs.get(i % ORGS), phase(i).name(), PAGE, true)
            .size(), rows, pairs)), ctx.cfg().pageOps());
    ctx.results().add(new Result(ctx.backend(), "page", "page (org + phase, 50)", "" + rows,
        "µs/op", s, "raw JDBC", note));
    ctx.results().judge(Verdict.of(Target.SINGLE_OP, ctx.backend(),
        String.format("page at %,d rows", rows), s.ratio().median(),
        String.format("%.2f×", s.ratio().median()), "single.page"));
  }
}
