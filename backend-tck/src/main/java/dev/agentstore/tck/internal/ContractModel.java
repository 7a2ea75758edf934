package dev.agentstore.tck.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentstore.AgentStore;
import dev.agentstore.CustomResource;
import dev.agentstore.KindDefinition;
import dev.agentstore.Metadata;
import dev.agentstore.Query;
import dev.agentstore.Resource;
import dev.agentstore.ResourceRepository;
import dev.agentstore.history.ResourceVersion;
import dev.agentstore.model.Agent;
import dev.agentstore.model.AgentExecution;
import dev.agentstore.model.AgentMessage;
import dev.agentstore.model.AgentSpec;
import dev.agentstore.model.ExecutionPhase;
import dev.agentstore.model.MessageType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A small in-memory model of the storage contract, and the driver that runs one sequence of
 * operations against it and against a real store side by side. The model is the contract written
 * as plain Java: slugs are unique among an org's live agents, every write adds one to the version
 * and records one history entry (CREATED, UPDATED, STATUS_UPDATED, APPENDED, DELETED at the next
 * version), a stale version is a conflict, another org's resource is not found, a phase moves only
 * as {@link ExecutionPhase#canMoveTo} allows, finished executions take no appends, a transaction
 * that throws leaves nothing, and the change feed lists every entry in commit order.
 *
 * <p>Operations name resources by handle (the n-th agent or execution created so far, modulo
 * how many exist), so any subsequence of a generated sequence is itself a valid sequence: that
 * is what lets a failure shrink.
 *
 * <p>Usage: {@code Optional<String> diff = new ContractModel(store, fixtureFactory).check(ops);}
 */
public final class ContractModel {
  /** How many orgs a fixture has. */
  public static final int ORGS = 2;
  private static final int NAMES = 5;

  /** The resources every sequence starts from, per org: the org, a session and its agent. */
  public record Fixture(List<String> orgs, List<String> sessions, List<String> agents) {}

  /** What an operation does. */
  public enum Type {
    CREATE_AGENT, UPDATE_AGENT, DELETE_AGENT, GET_AGENT, GET_BY_SLUG, COUNT_AGENTS,
    CREATE_EXECUTION, TRANSITION, APPEND, TRANSACTION
  }

  /**
   * One operation with up to three small arguments, whose meaning depends on the type (see
   * {@link #toString()}).
   */
  public record Op(Type type, int a, int b, int c) {
    @Override
    public String toString() {
      return switch (type) {
        case CREATE_AGENT -> "createAgent(org" + a + ", " + name(b) + ")";
        case UPDATE_AGENT -> "updateAgent(agent#" + a + ", " + (b == 1 ? "stale" : "current")
            + ", " + via(c) + ")";
        case DELETE_AGENT -> "deleteAgent(agent#" + a + ", "
            + (b == 0 ? "any version" : b == 1 ? "current version" : "stale version") + ", "
            + via(c) + ")";
        case GET_AGENT -> "getAgent(agent#" + a + ", " + via(b) + ")";
        case GET_BY_SLUG -> "getBySlug(org" + a + ", " + name(b) + ")";
        case COUNT_AGENTS -> "countAgents(org" + a + ")";
        case CREATE_EXECUTION -> "createExecution(org" + a + ")";
        case TRANSITION -> "transition(execution#" + a + ", " + ExecutionPhase.values()[b] + ")";
        case APPEND -> "appendMessages(execution#" + a + ", " + b + " messages)";
        case TRANSACTION -> "inTransaction(create " + name(b) + " in org" + a + " and update it"
            + (c == 1 ? ", commit)" : ", then throw)");
      };
    }

    private static String via(int v) {
      return v == 0 ? "root store" : v == 1 ? "own org view" : "other org view";
    }
  }

  /** A random sequence of {@code steps} operations, weighted towards writes. */
  public static List<Op> generate(Random r, int steps) {
    List<Op> ops = new ArrayList<>(steps);
    for (int i = 0; i < steps; i++) {
      int k = r.nextInt(100);
      Type t = k < 20 ? Type.CREATE_AGENT : k < 35 ? Type.UPDATE_AGENT
          : k < 43 ? Type.DELETE_AGENT : k < 51 ? Type.GET_AGENT : k < 57 ? Type.GET_BY_SLUG
          : k < 61 ? Type.COUNT_AGENTS : k < 71 ? Type.CREATE_EXECUTION : k < 83 ? Type.TRANSITION
          : k < 93 ? Type.APPEND : Type.TRANSACTION;
      ops.add(switch (t) {
        case CREATE_AGENT, GET_BY_SLUG -> new Op(t, r.nextInt(ORGS), r.nextInt(NAMES), 0);
        case UPDATE_AGENT -> new Op(t, r.nextInt(8), r.nextInt(4) == 0 ? 1 : 0, r.nextInt(3));
        case DELETE_AGENT -> new Op(t, r.nextInt(8), r.nextInt(3), r.nextInt(3));
        case GET_AGENT -> new Op(t, r.nextInt(8), r.nextInt(3), 0);
        case COUNT_AGENTS, CREATE_EXECUTION -> new Op(t, r.nextInt(ORGS), 0, 0);
        case TRANSITION -> new Op(t, r.nextInt(6), r.nextInt(ExecutionPhase.values().length), 0);
        case APPEND -> new Op(t, r.nextInt(6), 1 + r.nextInt(3), 0);
        case TRANSACTION -> new Op(t, r.nextInt(ORGS), r.nextInt(NAMES), r.nextInt(2));
      });
    }
    return ops;
  }

  private static String name(int n) {
    return "model-agent-" + n;
  }

  /** A resource as the model knows it. */
  private static final class Entity {
    final String id;
    final int org;
    final String slug;
    long version = 1;
    boolean deleted;
    String description = "model";
    ExecutionPhase phase = ExecutionPhase.PENDING;
    int messages;
    final List<String> history = new ArrayList<>(List.of("CREATED:1"));
    Object last; // the backend's last returned value, the base of the next write

    Entity(String id, int org, String slug, Object last) {
      this.id = id;
      this.org = org;
      this.slug = slug;
      this.last = last;
    }
  }

  private final AgentStore store;
  private final Function<AgentStore, Fixture> fixtureFactory;
  private final KindDefinition declared;
  private final ObjectNode declaredSpec;
  private final List<Entity> agents = new ArrayList<>();
  private final List<Entity> executions = new ArrayList<>();
  private final List<String> feed = new ArrayList<>();
  private Fixture fixture;
  private int step;

  /** A model for one run against {@code store}, which {@code fixtureFactory} fills first. */
  public ContractModel(AgentStore store, Function<AgentStore, Fixture> fixtureFactory) {
    this(store, fixtureFactory, null, null);
  }

  /**
   * The same model with the create, update, delete, get, getBySlug, count and transaction
   * operations on the declared kind {@code declared} instead of agents: new resources get
   * {@code spec} (valid for the kind) and the model's description is their {@code spec.note}.
   */
  public ContractModel(AgentStore store, Function<AgentStore, Fixture> fixtureFactory,
      KindDefinition declared, ObjectNode spec) {
    this.store = store;
    this.fixtureFactory = fixtureFactory;
    this.declared = declared;
    this.declaredSpec = spec;
  }

  /** The repository the model's "agent" operations go to: agents, or the declared kind. */
  @SuppressWarnings("unchecked")
  private ResourceRepository<Resource<?, ?>> subjects(AgentStore s) {
    return (ResourceRepository<Resource<?, ?>>) (ResourceRepository<?>) (declared == null
        ? s.agents() : s.resources(declared));
  }

  private Resource<?, ?> newSubject(int org, int name) {
    if (declared == null) {
      return newAgent(org, name);
    }
    return CustomResource.of(declared, Metadata.of(fixture.orgs().get(org), name(name)),
        declaredSpec.deepCopy().put("note", "model"));
  }

  /** {@code base} at {@code version} with the description {@code d}. */
  @SuppressWarnings("unchecked")
  private static Resource<?, ?> rewritten(Object base, long version, String d) {
    if (base instanceof Agent a) {
      return a.withMetadata(a.metadata().withVersion(version)).withSpec(a.spec()
          .withDescription(d));
    }
    CustomResource<ObjectNode, ObjectNode> c = (CustomResource<ObjectNode, ObjectNode>) base;
    return c.withMetadata(c.metadata().withVersion(version)).withSpec(c.spec().deepCopy()
        .put("note", d));
  }

  private static String describe(Resource<?, ?> r) {
    String description = r instanceof Agent a ? a.spec().description()
        : ((ObjectNode) r.spec()).path("note").asText(null);
    return "v" + r.metadata().version() + " " + description;
  }

  /** The live subjects of the fixture itself in each org: its agent, or no declared resource. */
  private int fixtureSubjects() {
    return declared == null ? 1 : 0;
  }

  /** Runs {@code ops}; the first difference between the model and the store, if any. */
  public Optional<String> check(List<Op> ops) {
    fixture = fixtureFactory.apply(store);
    long mark = head();
    for (Op op : ops) {
      step++;
      String expected;
      String actual;
      try {
        expected = expect(op);
        actual = perform(op);
      } catch (Skip nothingToDo) {
        continue;
      }
      if (!expected.equals(actual)) {
        return Optional.of(op + ": the contract says " + expected + ", the store said " + actual);
      }
      commit(op, actual);
    }
    return compareEverything(mark);
  }

  // ------------------------------------------------------------------ the model

  /** Thrown when an operation names a handle but nothing of that kind exists yet. */
  private static final class Skip extends RuntimeException {
    Skip() {
      super(null, null, false, false);
    }
  }

  private Entity agent(int handle) {
    if (agents.isEmpty()) {
      throw new Skip();
    }
    return agents.get(handle % agents.size());
  }

  private Entity execution(int handle) {
    if (executions.isEmpty()) {
      throw new Skip();
    }
    return executions.get(handle % executions.size());
  }

  private boolean slugTaken(int org, String slug) {
    return agents.stream().anyMatch(e -> !e.deleted && e.org == org && e.slug.equals(slug));
  }

  /** The outcome the contract requires, computed from the model only. */
  private String expect(Op op) {
    return switch (op.type) {
      case CREATE_AGENT -> slugTaken(op.a, name(op.b)) ? "AlreadyExistsException" : "ok v1";
      case UPDATE_AGENT -> {
        Entity e = agent(op.a);
        yield e.deleted || op.c == 2 ? "NotFoundException"
            : op.b == 1 ? "ConflictException" : "ok v" + (e.version + 1);
      }
      case DELETE_AGENT -> {
        Entity e = agent(op.a);
        yield e.deleted || op.c == 2 ? "ok false" : op.b == 2 ? "ConflictException" : "ok true";
      }
      case GET_AGENT -> {
        Entity e = agent(op.a);
        yield e.deleted || op.b == 2 ? "absent" : "v" + e.version + " " + e.description;
      }
      case GET_BY_SLUG -> agents.stream()
          .filter(e -> !e.deleted && e.org == op.a && e.slug.equals(name(op.b)))
          .map(e -> e.id).findFirst().orElse("absent");
      case COUNT_AGENTS -> "ok " + (fixtureSubjects() + agents.stream()
          .filter(e -> !e.deleted && e.org == op.a).count()); // + the fixture's agent
      case CREATE_EXECUTION -> "ok v1";
      case TRANSITION -> {
        Entity e = execution(op.a);
        ExecutionPhase to = ExecutionPhase.values()[op.b];
        yield e.phase.canMoveTo(to) ? "ok v" + (e.version + 1) : "FailedPreconditionException";
      }
      case APPEND -> {
        Entity e = execution(op.a);
        yield e.phase.isTerminal() ? "FailedPreconditionException" : "ok v" + (e.version + 1);
      }
      case TRANSACTION -> slugTaken(op.a, name(op.b)) ? "AlreadyExistsException"
          : op.c == 1 ? "ok v2" : "RolledBack";
    };
  }

  /** Applies a write the store acknowledged (and the model agreed with) to the model. */
  private void commit(Op op, String outcome) {
    if (!outcome.startsWith("ok")) {
      return; // errors, reads and rolled-back transactions change nothing
    }
    switch (op.type) {
      case UPDATE_AGENT -> {
        Entity e = agent(op.a);
        e.version++;
        e.description = "d" + step;
        e.history.add("UPDATED:" + e.version);
        feed.add(e.id + ":" + e.version);
      }
      case DELETE_AGENT -> {
        Entity e = agent(op.a);
        if (outcome.equals("ok true")) {
          e.deleted = true;
          e.version++;
          e.history.add("DELETED:" + e.version);
          feed.add(e.id + ":" + e.version);
        }
      }
      case TRANSITION -> {
        Entity e = execution(op.a);
        e.phase = ExecutionPhase.values()[op.b];
        e.version++;
        e.history.add("STATUS_UPDATED:" + e.version);
        feed.add(e.id + ":" + e.version);
      }
      case APPEND -> {
        Entity e = execution(op.a);
        e.messages += op.b;
        e.version++;
        e.history.add("APPENDED:" + e.version);
        feed.add(e.id + ":" + e.version);
      }
      case TRANSACTION -> {
        Entity e = agents.get(agents.size() - 1); // added by perform
        e.description = "d" + step;
        e.version = 2;
        e.history.add("UPDATED:2");
        feed.add(e.id + ":1");
        feed.add(e.id + ":2");
      }
      case CREATE_AGENT -> feed.add(agents.get(agents.size() - 1).id + ":1");
      case CREATE_EXECUTION -> feed.add(executions.get(executions.size() - 1).id + ":1");
      default -> { }
    }
  }

  // ------------------------------------------------------------------ the store

  /** Runs the operation on the store; its outcome in the model's words. */
  private String perform(Op op) {
    try {
      return switch (op.type) {
        case CREATE_AGENT -> {
          Resource<?, ?> a = subjects(store).create(newSubject(op.a, op.b));
          agents.add(new Entity(a.id(), op.a, name(op.b), a));
          yield "ok v" + a.metadata().version();
        }
        case UPDATE_AGENT -> {
          Entity e = agent(op.a);
          long version = op.b == 1 ? (e.version > 1 ? e.version - 1 : e.version + 7) : e.version;
          Resource<?, ?> written = subjects(via(op.c, e)).update(rewritten(e.last, version,
              "d" + step));
          e.last = written;
          yield "ok v" + written.metadata().version();
        }
        case DELETE_AGENT -> {
          Entity e = agent(op.a);
          AgentStore s = via(op.c, e);
          boolean deleted = op.b == 0 ? subjects(s).delete(e.id)
              : subjects(s).delete(e.id, op.b == 1 ? e.version : e.version + 3);
          yield "ok " + deleted;
        }
        case GET_AGENT -> {
          Entity e = agent(op.a);
          yield subjects(via(op.b, e)).get(e.id).map(ContractModel::describe).orElse("absent");
        }
        case GET_BY_SLUG -> subjects(store).getBySlug(fixture.orgs().get(op.a), name(op.b))
            .map(Resource::id).orElse("absent");
        case COUNT_AGENTS -> "ok " + subjects(store.forOrg(fixture.orgs().get(op.a)))
            .count(Query.all());
        case CREATE_EXECUTION -> {
          String org = fixture.orgs().get(op.a);
          AgentExecution x = store.agentExecutions().create(AgentExecution.builder().org(org)
              .name("model-run-" + step).sessionId(fixture.sessions().get(op.a))
              .agentId(fixture.agents().get(op.a)).message("hello").model("tck-model").build());
          executions.add(new Entity(x.id(), op.a, x.metadata().slug(), x));
          yield "ok v" + x.metadata().version();
        }
        case TRANSITION -> "ok v" + store.agentExecutions().transition(execution(op.a).id,
            ExecutionPhase.values()[op.b]).metadata().version();
        case APPEND -> {
          List<AgentMessage> batch = new ArrayList<>();
          for (int i = 0; i < op.b; i++) {
            batch.add(AgentMessage.of(MessageType.AI, "m" + step + "-" + i, Instant.EPOCH));
          }
          yield "ok v" + store.agentExecutions().appendMessages(execution(op.a).id, batch);
        }
        case TRANSACTION -> transaction(op);
      };
    } catch (Skip skip) {
      throw skip;
    } catch (RuntimeException e) {
      return e.getClass().getSimpleName();
    }
  }

  private String transaction(Op op) {
    try {
      Resource<?, ?> written = store.inTransaction(tx -> {
        Resource<?, ?> a = subjects(tx).create(newSubject(op.a, op.b));
        Resource<?, ?> b = subjects(tx).update(rewritten(a, a.metadata().version(), "d" + step));
        if (op.c == 0) {
          throw new RolledBack();
        }
        return b;
      });
      agents.add(new Entity(written.id(), op.a, name(op.b), written));
      return "ok v" + written.metadata().version();
    } catch (RolledBack expected) {
      return "RolledBack";
    }
  }

  /** The exception a transaction of the sequence throws to roll back. */
  private static final class RolledBack extends RuntimeException {
    RolledBack() {
      super("rolled back on purpose", null, false, false);
    }
  }

  private Agent newAgent(int org, int name) {
    return new Agent(Metadata.of(fixture.orgs().get(org), name(name)), AgentSpec.builder()
        .description("model").instructions("Be brief.").build(), null);
  }

  /** The store an operation goes through: the root, the resource's org view or the other's. */
  private AgentStore via(int how, Entity e) {
    return switch (how) {
      case 0 -> store;
      case 1 -> store.forOrg(fixture.orgs().get(e.org));
      default -> store.forOrg(fixture.orgs().get((e.org + 1) % ORGS));
    };
  }

  // ------------------------------------------------------------------ the final comparison

  private Optional<String> compareEverything(long mark) {
    for (Entity e : agents) {
      String expected = e.deleted ? "absent" : "v" + e.version + " " + e.description;
      String actual = subjects(store).get(e.id).map(ContractModel::describe).orElse("absent");
      Optional<String> d = differ("agent " + e.id, expected, actual);
      if (d.isEmpty()) {
        d = differ("history of agent " + e.id, String.join(",", e.history), history(e.id));
      }
      if (d.isPresent()) {
        return d;
      }
    }
    for (Entity e : executions) {
      String expected = "v" + e.version + " " + e.phase + " " + e.messages + " messages";
      String actual = store.agentExecutions().get(e.id).map(x -> "v" + x.metadata().version()
          + " " + x.status().phase() + " " + x.status().messages().size() + " messages")
          .orElse("absent");
      Optional<String> d = differ("execution " + e.id, expected, actual);
      if (d.isEmpty()) {
        d = differ("history of execution " + e.id, String.join(",", e.history), history(e.id));
      }
      if (d.isPresent()) {
        return d;
      }
    }
    for (int org = 0; org < ORGS; org++) {
      int o = org;
      long live = fixtureSubjects() + agents.stream().filter(e -> !e.deleted && e.org == o)
          .count();
      Optional<String> d = differ("agents in org" + org, Long.toString(live),
          Long.toString(subjects(store.forOrg(fixture.orgs().get(org))).count(Query.all())));
      if (d.isPresent()) {
        return d;
      }
    }
    return differ("the change feed after the fixture", String.join(",", feed),
        changesAfter(mark).stream().map(v -> v.resourceId() + ":" + v.resourceVersion())
            .collect(Collectors.joining(",")));
  }

  private static Optional<String> differ(String what, String expected, String actual) {
    return expected.equals(actual) ? Optional.empty()
        : Optional.of(what + ": the contract says " + expected + ", the store has " + actual);
  }

  private String history(String id) {
    return store.history().list(id).stream()
        .map(v -> v.event() + ":" + v.resourceVersion()).collect(Collectors.joining(","));
  }

  private long head() {
    List<ResourceVersion> all = changesAfter(0);
    return all.isEmpty() ? 0 : all.get(all.size() - 1).sequence();
  }

  private List<ResourceVersion> changesAfter(long after) {
    List<ResourceVersion> all = new ArrayList<>();
    long last = after;
    while (true) {
      List<ResourceVersion> page = store.changes().since(last, 500);
      if (page.isEmpty()) {
        return all;
      }
      all.addAll(page);
      last = page.get(page.size() - 1).sequence();
    }
  }
}
