package dev.agentstore.bench;

import dev.agentstore.Ids;
import dev.agentstore.Kind;
import dev.agentstore.model.Agent;
import dev.agentstore.model.AgentSpec;
import dev.agentstore.model.AgentStatus;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * create, get, update with version check, updateStatus and apply of an agent: each operation
 * through the library beside the same statements through raw JDBC ({@link RawStore}), on the same
 * database, and the 1.2× target for each. The inputs (resources for the library, rows and
 * snapshots for the baseline) are built before each run, so neither side's time includes making
 * the caller's objects.
 *
 * <p>Usage: {@code new SingleOpWorkloads(ctx).run();}
 */
final class SingleOpWorkloads {
  private static final String RAW = "raw JDBC";
  private final BenchContext ctx;
  private int counter;

  /** The workloads of {@code ctx}'s backend. */
  SingleOpWorkloads(BenchContext ctx) {
    this.ctx = ctx;
  }

  /** Runs every single-operation workload. */
  void run() {
    create();
    get();
    update();
    updateStatus();
    apply();
    if (ctx.raw().dialect() == RawStore.Dialect.POSTGRES) {
      serializableCost();
    }
  }

  /** A raw create's input: the row and its history snapshot. */
  private record RawCreate(Row row, String snapshot) {}

  private void create() {
    Dataset d = ctx.data();
    int ops = ctx.cfg().singleOps();
    Deque<Agent> libInputs = new ArrayDeque<>();
    Deque<RawCreate> rawInputs = new ArrayDeque<>();
    Sample s = ctx.harness().measure(Harness.trial(run -> {
      libInputs.clear();
      rawInputs.clear();
      for (int i = 0; i < ops; i++) {
        libInputs.add(Dataset.agent(d.org(), "create-lib-" + counter++, 0));
        rawInputs.add(rawCreate(d, "create-raw-" + counter++));
      }
    }, i -> ctx.store().agents().create(libInputs.poll()), i -> {
      RawCreate in = rawInputs.poll();
      ctx.raw().create(ctx.conn(), RawTable.AGENTS, in.row(), "AGENT", in.snapshot());
    }), ops);
    record("create", "single.create", s);
  }

  /** The raw twin of creating {@code Dataset.agent(org, slug, 0)}. */
  private static RawCreate rawCreate(Dataset d, String slug) {
    String id = Ids.next(Kind.AGENT);
    return new RawCreate(d.agentRow().withIdentity(id, slug, RawStore.now()),
        d.agentSnapshot(id, slug));
  }

  private void get() {
    Dataset d = ctx.data();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      ids.add(ctx.store().agents().create(Dataset.agent(d.org(), "get-" + i, 0)).id());
    }
    Sample s = ctx.harness().measure(Harness.trial(
        i -> ctx.store().agents().get(ids.get(i % ids.size())).orElseThrow(),
        i -> {
          if (ctx.raw().get(ctx.conn(), RawTable.AGENTS, ids.get(i % ids.size())) == null) {
            throw new IllegalStateException("raw get found nothing");
          }
        }), ctx.cfg().singleOps() * 10);
    record("get", "single.get", s);
  }

  private void update() {
    Dataset d = ctx.data();
    AgentSpec[] specs = {Dataset.spec(1), Dataset.spec(2)};
    String[] specJson = {d.agentSpecJson(1), d.agentSpecJson(2)};
    Agent[] lib = {ctx.store().agents().create(Dataset.agent(d.org(), "update-lib", 0))};
    Agent rawAgent = ctx.store().agents().create(Dataset.agent(d.org(), "update-raw", 0));
    long[] rawVersion = {rawAgent.metadata().version()};
    String snapshot = d.agentSnapshot(rawAgent.id(), "update-raw");
    Sample s = ctx.harness().measure(Harness.trial(i -> {
      Agent cur = lib[0];
      lib[0] = ctx.store().agents().update(new Agent(cur.metadata(),
          specs[(int) (cur.metadata().version() % 2)], cur.status()));
    }, i -> rawVersion[0] = ctx.raw().update(ctx.conn(), RawTable.AGENTS, "AGENT", rawAgent.id(),
        rawVersion[0], specJson[(int) (rawVersion[0] % 2)], null, snapshot, "UPDATED",
        Dataset.ACTOR).version()), ctx.cfg().singleOps());
    record("update", "single.update", s);
  }

  private void updateStatus() {
    Dataset d = ctx.data();
    Agent libAgent = ctx.store().agents().create(Dataset.agent(d.org(), "status-lib", 0));
    Agent rawAgent = ctx.store().agents().create(Dataset.agent(d.org(), "status-raw", 0));
    Agent[] lib = {libAgent};
    long[] rawVersion = {rawAgent.metadata().version()};
    AgentStatus[] statuses = new AgentStatus[2];
    String[] statusJson = new String[2];
    for (int i = 0; i < 2; i++) {
      String instance = Ids.next(Kind.AGENT_INSTANCE);
      statuses[i] = AgentStatus.builder().defaultInstanceId(instance).build();
      statusJson[i] = "{\"defaultInstanceId\":\"" + instance + "\"}";
    }
    String snapshot = d.agentSnapshot(rawAgent.id(), "status-raw");
    Sample s = ctx.harness().measure(Harness.trial(
        i -> lib[0] = ctx.store().agents().updateStatus(
            lib[0].withStatus(statuses[(int) (lib[0].metadata().version() % 2)])),
        i -> rawVersion[0] = ctx.raw().update(ctx.conn(), RawTable.AGENTS, "AGENT",
            rawAgent.id(), rawVersion[0], null, statusJson[(int) (rawVersion[0] % 2)], snapshot,
            "STATUS_UPDATED", Dataset.ACTOR).version()), ctx.cfg().singleOps());
    record("updateStatus", "single.updateStatus", s);
  }

  private void apply() {
    Dataset d = ctx.data();
    ctx.store().agents().create(Dataset.agent(d.org(), "apply-lib", 0));
    Agent rawAgent = ctx.store().agents().create(Dataset.agent(d.org(), "apply-raw", 0));
    Agent[] inputs =
        {Dataset.agent(d.org(), "apply-lib", 1), Dataset.agent(d.org(), "apply-lib", 2)};
    String[] specJson = {d.agentSpecJson(1), d.agentSpecJson(2)};
    String snapshot = d.agentSnapshot(rawAgent.id(), "apply-raw");
    Sample s = ctx.harness().measure(Harness.trial(
        i -> ctx.store().agents().apply(inputs[i % 2]),
        i -> ctx.raw().apply(ctx.conn(), RawTable.AGENTS, "AGENT", d.org(), "apply-raw",
            specJson[i % 2], snapshot, Dataset.ACTOR)), ctx.cfg().singleOps());
    record("apply (existing)", "single.apply", s);
  }

  /**
   * What running a write transaction SERIALIZABLE (as the library runs inTransaction on
   * PostgreSQL) costs over READ COMMITTED (its single writes, and inTransaction before): the raw
   * update transaction both ways, each on its own agent, the first side preceded by the SET
   * TRANSACTION the library sends. No target; the ratio is the cost.
   */
  private void serializableCost() {
    Dataset d = ctx.data();
    Agent serAgent = ctx.store().agents().create(Dataset.agent(d.org(), "iso-serializable", 0));
    Agent rcAgent = ctx.store().agents().create(Dataset.agent(d.org(), "iso-read-committed", 0));
    long[] serVersion = {serAgent.metadata().version()};
    long[] rcVersion = {rcAgent.metadata().version()};
    String[] specJson = {d.agentSpecJson(1), d.agentSpecJson(2)};
    String serSnapshot = d.agentSnapshot(serAgent.id(), "iso-serializable");
    String rcSnapshot = d.agentSnapshot(rcAgent.id(), "iso-read-committed");
    Connection c = ctx.conn();
    Sample s = ctx.harness().measure(Harness.trial(i -> {
      c.setAutoCommit(false);
      try (Statement st = c.createStatement()) {
        st.execute("SET TRANSACTION ISOLATION LEVEL SERIALIZABLE");
      }
      serVersion[0] = ctx.raw().update(c, RawTable.AGENTS, "AGENT", serAgent.id(),
          serVersion[0], specJson[(int) (serVersion[0] % 2)], null, serSnapshot, "UPDATED",
          Dataset.ACTOR).version();
    }, i -> rcVersion[0] = ctx.raw().update(c, RawTable.AGENTS, "AGENT", rcAgent.id(),
        rcVersion[0], specJson[(int) (rcVersion[0] % 2)], null, rcSnapshot, "UPDATED",
        Dataset.ACTOR).version()), ctx.cfg().singleOps());
    ctx.results().add(new Result(ctx.backend(), "single", "raw update SERIALIZABLE", "",
        "µs/op", s, "raw update READ COMMITTED", "the cost of serializable write transactions;"
        + " no target"));
  }

  private void record(String workload, String causeKey, Sample s) {
    ctx.results().add(new Result(ctx.backend(), "single", workload, "", "µs/op", s, RAW, ""));
    Stats ratio = s.ratio();
    ctx.results().judge(Verdict.of(Target.SINGLE_OP, ctx.backend(), workload, ratio.median(),
        String.format("%.2f×", ratio.median()), causeKey));
  }
}
