package dev.agentstore.integration;

import dev.agentstore.AgentStore;
import dev.agentstore.InvalidArgumentException;
import dev.agentstore.model.AgentExecution;
import dev.agentstore.model.AgentExecutionStatus;
import dev.agentstore.model.AgentMessage;
import dev.agentstore.model.Session;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The "conversation on agentstore" mapping the framework integrations share (LangChain4j chat
 * memories, ADK sessions and artifact indexes, LangGraph4j threads): a framework's key names one
 * {@link Session} and one {@code AgentExecution} of that session (both found by the same slug,
 * derived from the key), whose {@code status.messages} hold the conversation in order.
 * Every method takes the store (or transaction) to work in, so callers compose them inside
 * {@link AgentStore#inTransaction}.
 *
 * <p>Usage: {@code Conversations c = new Conversations("lc4j"); Conversation open = c.open(tx, org, "user-42");}
 */
public final class Conversations {
  /** The conversation's session and its message-holding execution. */
  public record Conversation(Session session, AgentExecution execution) {
    /** The conversation's messages in order (none before the first write). */
    public List<AgentMessage> messages() {
      return execution.status() == null ? List.of() : execution.status().messages();
    }
  }

  private final String prefix;

  /** {@code prefix}: the slug prefix naming the framework, e.g. {@code lc4j}. */
  public Conversations(String prefix) {
    this.prefix = prefix;
  }

  /**
   * The slug of {@code key}: the prefix and the first 232 bits of the key's SHA-256, so any key
   * (any length, any characters) has a valid, collision-resistant slug.
   */
  public String slug(String key) {
    if (key == null) {
      throw new InvalidArgumentException("key", "required");
    }
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      String hex = HexFormat.of().formatHex(hash);
      return prefix + "-" + hex.substring(0, 63 - prefix.length() - 1);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  /** The conversation of {@code key}, if one was stored. */
  public Optional<Conversation> find(AgentStore tx, String org, String key) {
    String slug = slug(key);
    Optional<Session> session = tx.sessions().getBySlug(org, slug);
    if (session.isEmpty()) {
      return Optional.empty();
    }
    Optional<AgentExecution> execution = tx.agentExecutions().getBySlug(org, slug);
    return execution.map(e -> new Conversation(session.get(), e));
  }

  /** The conversation of {@code key}, created empty when absent. */
  public Conversation open(AgentStore tx, String org, String key) {
    return open(tx, org, key, UnaryOperator.identity());
  }

  /**
   * The conversation of {@code key}, created empty when absent, its session built by
   * {@code session} from a builder with the org, slug, name and thread id set.
   */
  public Conversation open(AgentStore tx, String org, String key,
      UnaryOperator<Session.Builder> session) {
    Optional<Conversation> found = find(tx, org, key);
    if (found.isPresent()) {
      return found.get();
    }
    String slug = slug(key);
    Session created = tx.sessions().getBySlug(org, slug).orElseGet(() -> tx.sessions().create(
        session.apply(Session.builder().org(org).slug(slug).name(slug).threadId(key)).build()));
    AgentExecution execution = tx.agentExecutions().create(AgentExecution.builder().org(org)
        .slug(slug).name(slug).sessionId(created.metadata().id()).build());
    return new Conversation(created, execution);
  }

  /** Replaces the conversation's messages (version-checked against {@code c}); returns it anew. */
  public Conversation replaceMessages(AgentStore tx, Conversation c,
      List<AgentMessage> messages) {
    AgentExecutionStatus status = c.execution().status() == null
        ? AgentExecutionStatus.pending() : c.execution().status();
    AgentExecution updated = tx.agentExecutions().updateStatus(
        c.execution().withStatus(status.withMessages(messages)));
    return new Conversation(c.session(), updated);
  }

  /** Deletes the conversation of {@code key}; returns whether there was one. */
  public boolean delete(AgentStore tx, String org, String key) {
    String slug = slug(key);
    boolean deleted = false;
    Optional<AgentExecution> execution = tx.agentExecutions().getBySlug(org, slug);
    if (execution.isPresent()) {
      deleted = tx.agentExecutions().delete(execution.get().metadata().id());
    }
    Optional<Session> session = tx.sessions().getBySlug(org, slug);
    if (session.isPresent()) {
      deleted |= tx.sessions().delete(session.get().metadata().id());
    }
    return deleted;
  }
}
