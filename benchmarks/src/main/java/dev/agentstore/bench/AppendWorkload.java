package dev.agentstore.bench;

import dev.agentstore.model.AgentExecution;
import dev.agentstore.model.AgentMessage;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * appendMessages of one message to an execution that already holds N messages (N = 10, 1,000,
 * 10,000), library beside raw JDBC. Before every run each side gets a fresh execution, created
 * through the library and filled with N message rows in the library's item format by raw batch
 * inserts, so every run starts at exactly N. Judges the 1.2× target per size and the scaling
 * target (largest N ≤ 1.5× smallest N).
 *
 * <p>Usage: {@code new AppendWorkload(ctx).run();}
 */
final class AppendWorkload {
  private static final int SEED_CHUNK = 500;
  private final BenchContext ctx;
  private int counter;

  /** The workload on {@code ctx}'s backend. */
  AppendWorkload(BenchContext ctx) {
    this.ctx = ctx;
  }

  /** Measures every size, then judges the scaling. */
  void run() {
    List<Integer> levels = ctx.cfg().appendLevels();
    for (int n : levels) {
      measure(n);
    }
    int lo = levels.get(0);
    int hi = levels.get(levels.size() - 1);
    double scale = ctx.results().find(ctx.backend(), "appendMessages", "" + hi).orElseThrow()
        .sample().libStats().median()
        / ctx.results().find(ctx.backend(), "appendMessages", "" + lo).orElseThrow()
        .sample().libStats().median();
    ctx.results().judge(Verdict.of(Target.APPEND_SCALING, ctx.backend(),
        String.format("appendMessages %,d vs %,d", hi, lo), scale,
        String.format("%.2f×", scale), "append.scaling"));
  }

  private void measure(int held) {
    Dataset d = ctx.data();
    String[] libId = new String[1];
    String[] rawId = new String[1];
    List<String> body = List.of(d.messageBody());
    AgentMessage message = Dataset.message(0);
    String snapshot = "{\"messages\":[" + d.messageBody() + "]}";
    Sample s = ctx.harness().measure(Harness.trial(run -> {
      libId[0] = freshExecution(held);
      rawId[0] = freshExecution(held);
    }, i -> ctx.store().agentExecutions().appendMessages(libId[0], message),
        i -> ctx.raw().append(ctx.conn(), rawId[0], "messages", body, snapshot, Dataset.ACTOR)),
        ctx.cfg().appendOps());
    ctx.results().add(new Result(ctx.backend(), "append", "appendMessages", "" + held, "µs/op",
        s, "raw JDBC", ""));
    ctx.results().judge(Verdict.of(Target.SINGLE_OP, ctx.backend(),
        String.format("appendMessages at %,d", held), s.ratio().median(),
        String.format("%.2f×", s.ratio().median()), "single.appendMessages"));
  }

  /** An execution created through the library holding {@code held} message rows. */
  private String freshExecution(int held) throws SQLException {
    AgentExecution e = ctx.store().agentExecutions().create(Dataset.execution(ctx.data().org(),
        "append-" + counter++, null));
    Connection c = ctx.conn();
    RawStore raw = ctx.raw();
    raw.begin(c, true);
    try {
      for (int first = 1; first <= held; first += SEED_CHUNK) {
        int n = Math.min(SEED_CHUNK, held - first + 1);
        raw.insertItems(c, e.id(), "messages", first, new ArrayList<>(
            Collections.nCopies(n, ctx.data().messageBody())));
      }
      raw.commit(c);
    } catch (SQLException | RuntimeException ex) {
      raw.rollback(c);
      throw ex;
    }
    return e.id();
  }
}
