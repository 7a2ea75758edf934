package dev.agentstore.spring.ai;

import dev.agentstore.AgentStore;
import dev.agentstore.AlreadyExistsException;
import dev.agentstore.InvalidArgumentException;
import dev.agentstore.Metadata;
import dev.agentstore.NotFoundException;
import dev.agentstore.Page;
import dev.agentstore.Query;
import dev.agentstore.model.Agent;
import dev.agentstore.model.AgentExecution;
import dev.agentstore.model.AgentExecutionSpec;
import dev.agentstore.model.AgentInstance;
import dev.agentstore.model.AgentInstanceSpec;
import dev.agentstore.model.AgentMessage;
import dev.agentstore.model.AgentSpec;
import dev.agentstore.model.Session;
import dev.agentstore.model.SessionSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A framework's conversations on agentstore's built-in kinds, the one generic piece of this
 * module (kept in one class so it can be shared with other integrations): a conversation is one
 * {@link Session} whose slug is derived from the framework's id (and whose {@code threadId} is
 * that id), and its ordered messages are the message items of one {@link AgentExecution} of
 * that session, with the same slug. Both hang off one agent and agent instance per org and
 * integration, made on first use. Everything happens in {@code org} through a view of the
 * store limited to it, so two orgs never see each other's conversations.
 *
 * <p>Usage: {@code Conversations c = new Conversations(store, orgId, "spring-ai-chat-memory");}
 */
final class Conversations {
  /** The label every session of an integration carries (its value: the integration name). */
  static final String LABEL = "agentstore.dev/integration";

  private final AgentStore store;
  private final String org;
  private final String integration;
  private volatile String agentId;
  private volatile String instanceId;

  Conversations(AgentStore store, String org, String integration) {
    if (store == null) {
      throw new InvalidArgumentException("store", "required");
    }
    if (org == null || org.isBlank()) {
      throw new InvalidArgumentException("org", "required: the id of the org (tenant) whose"
          + " conversations these are");
    }
    this.store = store.forOrg(org);
    this.org = org;
    this.integration = integration;
  }

  /**
   * Makes (or finds) the agent and agent instance the conversations hang off, through the
   * store itself: called before any transaction, so a rolled-back transaction never leaves a
   * cached id of an agent that does not exist.
   */
  void prepare() {
    if (instanceId == null) {
      instanceId(store);
    }
  }

  /** The org-limited view every call goes through. */
  AgentStore store() {
    return store;
  }

  String org() {
    return org;
  }

  /** The slug of conversation {@code id}'s session and execution: {@code c-} + 40 hex digits. */
  static String slug(String id) {
    if (id == null || id.isEmpty()) {
      throw new InvalidArgumentException("conversationId", "required, not empty");
    }
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(id.getBytes(StandardCharsets.UTF_8));
      return "c-" + HexFormat.of().formatHex(digest, 0, 20);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The session of conversation {@code id}, if there is one. */
  Optional<Session> session(AgentStore s, String id) {
    return s.sessions().getBySlug(org, slug(id));
  }

  /** The execution holding conversation {@code id}'s messages, if there is one. */
  Optional<AgentExecution> execution(AgentStore s, String id) {
    return s.agentExecutions().getBySlug(org, slug(id));
  }

  /** The messages of conversation {@code id}, in their order; empty when there is none. */
  List<AgentMessage> messages(AgentStore s, String id) {
    return execution(s, id).map(e -> e.status() == null || e.status().messages() == null
        ? List.<AgentMessage>of() : e.status().messages()).orElse(List.of());
  }

  /**
   * The session of conversation {@code id}, made (with {@code spec} applied to a fresh spec)
   * when absent. Safe against a concurrent creator: the loser of the unique-slug race reads the
   * winner's.
   */
  Session ensureSession(AgentStore s, String id, UnaryOperator<SessionSpec.Builder> spec) {
    Optional<Session> found = session(s, id);
    if (found.isPresent()) {
      return found.get();
    }
    SessionSpec.Builder b = SessionSpec.builder().agentInstanceId(instanceId(s)).threadId(id)
        .metadata(Map.of());
    Session fresh = new Session(Metadata.of(org, "conversation " + slug(id))
        .withSlug(slug(id)).withLabel(LABEL, integration), spec.apply(b).build(), null);
    try {
      return s.sessions().create(fresh);
    } catch (AlreadyExistsException e) {
      return session(s, id).orElseThrow(() -> e);
    }
  }

  /** The execution of conversation {@code id}'s session, made when absent (race-safe). */
  AgentExecution ensureExecution(AgentStore s, String id, Session session) {
    Optional<AgentExecution> found = execution(s, id);
    if (found.isPresent()) {
      return found.get();
    }
    return createExecution(s, id, session);
  }

  private AgentExecution createExecution(AgentStore s, String id, Session session) {
    AgentExecution fresh = new AgentExecution(Metadata.of(org, "messages " + slug(id))
        .withSlug(slug(id)).withLabel(LABEL, integration),
        AgentExecutionSpec.builder().sessionId(session.id()).agentId(agentId(s))
            .message(integration + " conversation").build(), null);
    try {
      return s.agentExecutions().create(fresh);
    } catch (AlreadyExistsException e) {
      return execution(s, id).orElseThrow(() -> e);
    }
  }

  /**
   * Appends {@code messages} to conversation {@code id} in one atomic append (no read of the
   * existing messages, so concurrent appenders never overwrite each other), making the
   * conversation first when it is new.
   */
  void append(String id, List<AgentMessage> messages) {
    if (messages.isEmpty()) {
      return;
    }
    prepare();
    for (int attempt = 0; ; attempt++) {
      Session session = ensureSession(store, id, UnaryOperator.identity());
      AgentExecution exec = ensureExecution(store, id, session);
      try {
        store.agentExecutions().appendMessages(exec.id(), messages);
        return;
      } catch (NotFoundException e) {
        // replaced or deleted between the read and the append: resolve it again
        if (attempt >= 3) {
          throw e;
        }
      }
    }
  }

  /**
   * Replaces conversation {@code id}'s messages by {@code messages} in one transaction: readers
   * see the old list or the new one, never a mix or an empty one in between.
   */
  void replace(AgentStore tx, String id, List<AgentMessage> messages) {
    Session session = ensureSession(tx, id, UnaryOperator.identity());
    execution(tx, id).ifPresent(e -> tx.agentExecutions().delete(e.id()));
    AgentExecution exec = createExecution(tx, id, session);
    if (!messages.isEmpty()) {
      tx.agentExecutions().appendMessages(exec.id(), messages);
    }
  }

  /** Deletes conversation {@code id} (its messages and its session); false if there was none. */
  boolean delete(AgentStore tx, String id) {
    Optional<AgentExecution> exec = execution(tx, id);
    exec.ifPresent(e -> tx.agentExecutions().delete(e.id()));
    Optional<Session> session = session(tx, id);
    session.ifPresent(s -> tx.sessions().delete(s.id()));
    return exec.isPresent() || session.isPresent();
  }

  /** One page of this integration's sessions in the org, oldest first. */
  Page<Session> sessions(AgentStore s, int pageSize, String pageToken) {
    Query.Builder q = Query.builder().labelSelector(LABEL + "=" + integration)
        .orderBy(Query.OrderBy.CREATED_AT, false).pageSize(pageSize);
    if (pageToken != null) {
      q.pageToken(pageToken);
    }
    return s.sessions().list(q.build());
  }

  private String agentId(AgentStore s) {
    String id = agentId;
    if (id == null) {
      String slug = integration + "-agent";
      id = s.agents().getBySlug(org, slug).map(Agent::id).orElseGet(() -> {
        try {
          return s.agents().create(new Agent(Metadata.of(org, integration).withSlug(slug)
              .withLabel(LABEL, integration), AgentSpec.builder()
              .description("holds " + integration + " conversations").build(), null)).id();
        } catch (AlreadyExistsException e) {
          return s.agents().getBySlug(org, slug).orElseThrow(() -> e).id();
        }
      });
      agentId = id;
    }
    return id;
  }

  private String instanceId(AgentStore s) {
    String id = instanceId;
    if (id == null) {
      String slug = integration + "-instance";
      String agent = agentId(s);
      id = s.agentInstances().getBySlug(org, slug).map(AgentInstance::id).orElseGet(() -> {
        try {
          return s.agentInstances().create(new AgentInstance(Metadata.of(org, integration)
              .withSlug(slug).withLabel(LABEL, integration), AgentInstanceSpec.builder()
              .agentId(agent).description("holds " + integration + " conversations").build(),
              null)).id();
        } catch (AlreadyExistsException e) {
          return s.agentInstances().getBySlug(org, slug).orElseThrow(() -> e).id();
        }
      });
      instanceId = id;
    }
    return id;
  }
}
