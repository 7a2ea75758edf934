package dev.agentstore.examples.snippets;

import dev.agentstore.AgentStore;
import dev.agentstore.AgentStoreException;
import dev.agentstore.AlreadyExistsException;
import dev.agentstore.ConflictException;
import dev.agentstore.FailedPreconditionException;
import dev.agentstore.InvalidArgumentException;
import dev.agentstore.NotFoundException;
import dev.agentstore.Page;
import dev.agentstore.PermissionDeniedException;
import dev.agentstore.Query;
import dev.agentstore.ReadableRepository;
import dev.agentstore.SecretsException;
import dev.agentstore.TransactionConflictException;
import dev.agentstore.UnavailableException;
import dev.agentstore.model.Agent;
import dev.agentstore.model.AgentMessage;
import dev.agentstore.model.ApiKey;
import dev.agentstore.model.IssuedApiKey;
import dev.agentstore.model.MessageType;
import dev.agentstore.model.Organization;
import dev.agentstore.model.WorkflowTask;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The Javadoc usage lines of the store, its repositories, transactions and errors, as compiled
 * code (see JavadocSnippetsTest). The fields stand for what a caller has at hand.
 */
@SuppressWarnings("unused")
abstract class StoreSnippets {
  AgentStore store;
  ReadableRepository<Agent> repo;
  Query q;
  String org;
  String id;
  String a;
  String s;
  String headerValue;
  Agent agent;
  Instant now;

  abstract void respond(int status, Object detail);

  abstract void send(String plaintext);

  abstract void index(Agent a);

  abstract void log(String message);

  void open() {
    try (AgentStore store = AgentStore.open("local:/tmp/agents")) {
      Organization org = store.organizations().create(Organization.builder().name("Acme").build());
      Agent agent = store.agents().create(
          Agent.builder().org(org.id()).name("Support Bot").instructions("Be brief.").build());
    }
  }

  AgentStore configured() {
    return AgentStore.builder().uri("local:/tmp/s").maxDocumentBytes(1 << 20).open();
  }

  void create() {
    Agent a = store.agents().create(Agent.builder().org(org).name("Bot").instructions("Be brief.").build());
  }

  void edit() {
    Agent a = store.agents().edit(id, r -> r.withSpec(r.spec().withInstructions("Be kind.")));
  }

  void stream() {
    try (Stream<Agent> all = store.agents().stream(Query.builder().org(org).build())) {
      all.forEach(a -> index(a));
    }
  }

  void pages() {
    for (String t = null;;) { Page<Agent> p = repo.list(q.withPageToken(t)); index(null); if ((t = p.nextPageToken()) == null) break; }
  }

  void transactions() {
    Agent a = store.inTransaction(tx -> tx.agents().create(agent));
    long n = store.readTransaction(tx -> tx.agents().count(q) + tx.skills().count(q));
  }

  void deleteTogether() {
    store.runInTransaction(tx -> { tx.agents().delete(a); tx.skills().delete(s); });
  }

  void executions() {
    store.agentExecutions().appendMessages(id, AgentMessage.of(MessageType.AI, "hi", now));
    store.workflowExecutions().upsertTask(id, WorkflowTask.pending("t1", "build", "RUN"));
  }

  void apiKeys() {
    IssuedApiKey issued = store.apiKeys().issue(org, "ci", Instant.now().plus(Duration.ofDays(90)));
    send(issued.plaintext());                        // shown once, never stored
    Optional<ApiKey> who = store.apiKeys().verify(headerValue);
  }

  void errors() {
    try { store.agents().update(agent); } catch (AgentStoreException e) { log(e.getMessage()); }
    try {
      store.agents().update(agent);
    } catch (AgentStoreException e) { int code = e.isRetryable() ? 503 : 400; }
    try {
      store.agents().update(agent);
    } catch (NotFoundException e) { respond(404, e.resourceId().orElse(null)); }
    catch (InvalidArgumentException e) { respond(400, e.field().orElse(null)); }
    catch (AlreadyExistsException e) { respond(409, e.kind().orElse(null)); }
    catch (ConflictException e) { long now = e.actualVersion(); }
    catch (FailedPreconditionException e) { respond(412, e.getMessage()); }
    catch (PermissionDeniedException e) { respond(403, e.getMessage()); }
    catch (SecretsException e) { respond(500, e.getMessage()); }
    catch (UnavailableException e) { respond(503, e.getMessage()); }
    try {
      store.agents().update(agent);
    } catch (TransactionConflictException e) { int runs = e.attempts(); }
  }
}
