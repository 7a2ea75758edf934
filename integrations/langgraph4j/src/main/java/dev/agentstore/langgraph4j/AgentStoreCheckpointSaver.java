package dev.agentstore.langgraph4j;

import dev.agentstore.integration.Conversations;
import dev.agentstore.integration.Retries;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentstore.AgentStore;
import dev.agentstore.InvalidArgumentException;
import dev.agentstore.model.AgentExecutionStatus;
import dev.agentstore.model.ToolCall;
import dev.agentstore.model.ToolCallStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.bsc.langgraph4j.RunnableConfig;
import org.bsc.langgraph4j.checkpoint.BaseCheckpointSaver;
import org.bsc.langgraph4j.checkpoint.Checkpoint;
import org.bsc.langgraph4j.serializer.StateSerializer;
import org.bsc.langgraph4j.serializer.std.ObjectStreamStateSerializer;
import org.bsc.langgraph4j.state.AgentState;

/**
 * A LangGraph4j {@link BaseCheckpointSaver} on agentstore (SQLite or PostgreSQL). The database
 * is the only source of truth: nothing is cached, so savers in any number of processes share a
 * thread's checkpoints and each sees the others' writes at once.
 *
 * <p>A thread is one {@code Session} and one {@code AgentExecution} of the org (found by a slug
 * derived from the thread id); its checkpoints are the execution's {@code status.toolCalls},
 * keyed items (name {@code checkpoint}, id the checkpoint id) whose {@code args} hold the node,
 * next node, parent checkpoint id and the state serialised by a pluggable
 * {@link StateSerializer} (LangGraph4j's {@link ObjectStreamStateSerializer} by default).
 *
 * <p>As LangGraph4j's {@code MemorySaver}: {@link #list} is newest first, {@link #get} without a
 * checkpoint id is the newest, {@link #put} with a checkpoint id in the config replaces that
 * checkpoint in place (keeping its position; {@link NoSuchElementException} if it does not
 * exist) and without one adds the checkpoint as the newest, its parent the previous newest;
 * {@link #release} removes the thread and returns its checkpoints. Each put is one
 * transaction, so concurrent puts to one thread all land, none half-written, in one order.
 * Beyond it: {@link #parentId}, {@link #prune} and {@link #copy}.
 *
 * <p>Usage: {@code BaseCheckpointSaver saver = new AgentStoreCheckpointSaver(store, orgId);}
 */
public final class AgentStoreCheckpointSaver implements BaseCheckpointSaver {
  /** The tool-call name marking a checkpoint item. */
  public static final String ITEM_NAME = "checkpoint";
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final Conversations THREADS = new Conversations("lg4j");

  private final AgentStore store;
  private final String org;
  private final StateSerializer<?> serializer;

  /** A saver of {@code org}'s (an organization id) threads, states in Java serialisation. */
  public AgentStoreCheckpointSaver(AgentStore store, String org) {
    this(store, org, new ObjectStreamStateSerializer<>(AgentState::new));
  }

  /** A saver of {@code org}'s threads whose states {@code serializer} writes and reads. */
  public AgentStoreCheckpointSaver(AgentStore store, String org, StateSerializer<?> serializer) {
    if (store == null) {
      throw new InvalidArgumentException("store", "required");
    }
    if (org == null || org.isBlank()) {
      throw new InvalidArgumentException("org", "required: the organization id the threads belong to");
    }
    if (serializer == null) {
      throw new InvalidArgumentException("serializer", "required");
    }
    this.store = store;
    this.org = org;
    this.serializer = serializer;
  }

  private static String thread(RunnableConfig config) {
    if (config == null) {
      throw new InvalidArgumentException("config", "required");
    }
    return config.threadId().orElse(THREAD_ID_DEFAULT);
  }

  /** The thread's checkpoint items, oldest first. */
  private List<ToolCall> items(AgentStore tx, String thread) {
    return THREADS.find(tx, org, thread)
        .map(c -> c.execution().status() == null ? List.<ToolCall>of()
            : c.execution().status().toolCalls())
        .orElse(List.of()).stream().filter(t -> ITEM_NAME.equals(t.name())).toList();
  }

  @Override
  public Collection<Checkpoint> list(RunnableConfig config) {
    String thread = thread(config);
    List<ToolCall> items = store.readTransaction(tx -> items(tx, thread));
    LinkedList<Checkpoint> out = new LinkedList<>();
    items.forEach(i -> out.addFirst(decode(i)));
    return out;
  }

  @Override
  public Optional<Checkpoint> get(RunnableConfig config) {
    String thread = thread(config);
    List<ToolCall> items = store.readTransaction(tx -> items(tx, thread));
    return find(items, config.checkPointId()).map(this::decode);
  }

  private static Optional<ToolCall> find(List<ToolCall> items, Optional<String> id) {
    if (id.isPresent()) {
      return items.stream().filter(i -> i.id().equals(id.get())).findFirst();
    }
    return items.isEmpty() ? Optional.empty() : Optional.of(items.get(items.size() - 1));
  }

  /** The id of the parent of the checkpoint {@code config} names (the newest without an id). */
  public Optional<String> parentId(RunnableConfig config) {
    String thread = thread(config);
    List<ToolCall> items = store.readTransaction(tx -> items(tx, thread));
    return find(items, config.checkPointId()).flatMap(i -> Optional.ofNullable(
        i.args().path("parentId").isTextual() ? i.args().get("parentId").asText() : null));
  }

  @Override
  public RunnableConfig put(RunnableConfig config, Checkpoint checkpoint) {
    String thread = thread(config);
    if (checkpoint == null || checkpoint.getId() == null) {
      throw new InvalidArgumentException("checkpoint", "required, with an id");
    }
    Optional<String> replace = config.checkPointId();
    Retries.onRaces(() -> store.inTransaction(tx -> {
      Conversations.Conversation c = THREADS.open(tx, org, thread);
      List<ToolCall> all = c.execution().status() == null ? List.of()
          : c.execution().status().toolCalls();
      List<ToolCall> items = all.stream().filter(t -> ITEM_NAME.equals(t.name())).toList();
      String executionId = c.execution().metadata().id();
      if (replace.isPresent()) {
        ToolCall old = find(items, replace).orElseThrow(() -> new NoSuchElementException(
            "Checkpoint with id " + replace.get() + " not found in thread " + thread));
        ToolCall next = encode(checkpoint, old.args().path("parentId").isTextual()
            ? old.args().get("parentId").asText() : null);
        if (old.id().equals(checkpoint.getId())) {
          tx.agentExecutions().upsertToolCall(executionId, next); // same key: in place
        } else {
          List<ToolCall> replaced = new ArrayList<>(all);
          replaced.set(replaced.indexOf(old), next);
          AgentExecutionStatus status = c.execution().status();
          tx.agentExecutions().updateStatus(c.execution().withStatus(status.withToolCalls(replaced)));
        }
      } else {
        String parent = items.isEmpty() ? null : items.get(items.size() - 1).id();
        tx.agentExecutions().upsertToolCall(executionId, encode(checkpoint, parent));
      }
      return null;
    }));
    return replace.isPresent() ? config
        : RunnableConfig.builder(config).checkPointId(checkpoint.getId()).build();
  }

  @Override
  public Tag release(RunnableConfig config) {
    String thread = thread(config);
    List<ToolCall> items = Retries.onRaces(() -> store.inTransaction(tx -> {
      List<ToolCall> found = items(tx, thread);
      THREADS.delete(tx, org, thread);
      return found;
    }));
    LinkedList<Checkpoint> out = new LinkedList<>();
    items.forEach(i -> out.addFirst(decode(i)));
    return new Tag(thread, out);
  }

  /** Keeps the thread's {@code keep} newest checkpoints (at least 1), deleting the older ones. */
  public void prune(RunnableConfig config, int keep) {
    if (keep < 1) {
      throw new InvalidArgumentException("keep", "must be at least 1, got " + keep);
    }
    rewrite(config, items -> items.subList(Math.max(0, items.size() - keep), items.size()));
  }

  /**
   * Copies every checkpoint of {@code from}'s thread, in order and with their parents, to
   * {@code to}'s thread, replacing what it held.
   */
  public void copy(RunnableConfig from, RunnableConfig to) {
    String source = thread(from);
    String target = thread(to);
    if (source.equals(target)) {
      throw new InvalidArgumentException("to", "is the thread copied from: " + source);
    }
    Retries.onRaces(() -> store.inTransaction(tx -> {
      List<ToolCall> items = items(tx, source);
      Conversations.Conversation c = THREADS.open(tx, org, target);
      AgentExecutionStatus status = c.execution().status() == null
          ? AgentExecutionStatus.pending() : c.execution().status();
      tx.agentExecutions().updateStatus(c.execution().withStatus(status.withToolCalls(items)));
      return null;
    }));
  }

  private void rewrite(RunnableConfig config, UnaryOperator<List<ToolCall>> change) {
    String thread = thread(config);
    Retries.onRaces(() -> store.inTransaction(tx -> {
      Optional<Conversations.Conversation> c = THREADS.find(tx, org, thread);
      if (c.isPresent() && c.get().execution().status() != null) {
        AgentExecutionStatus status = c.get().execution().status();
        List<ToolCall> items = status.toolCalls().stream()
            .filter(t -> ITEM_NAME.equals(t.name())).toList();
        tx.agentExecutions().updateStatus(c.get().execution().withStatus(
            status.withToolCalls(change.apply(items))));
      }
      return null;
    }));
  }

  private ToolCall encode(Checkpoint checkpoint, String parentId) {
    ObjectNode args = NODES.objectNode();
    args.put("nodeId", checkpoint.getNodeId());
    args.put("nextNodeId", checkpoint.getNextNodeId());
    args.put("parentId", parentId);
    try {
      args.put("state", Base64.getEncoder().encodeToString(serializer.dataToBytes(
          checkpoint.getState())));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot serialise the state of checkpoint "
          + checkpoint.getId(), e);
    }
    args.put("contentType", serializer.contentType());
    return ToolCall.builder().id(checkpoint.getId()).name(ITEM_NAME).args(args)
        .status(ToolCallStatus.COMPLETED).build();
  }

  private Checkpoint decode(ToolCall item) {
    JsonNode args = item.args();
    Map<String, Object> state;
    try {
      state = serializer.dataFromBytes(Base64.getDecoder().decode(args.path("state").asText()));
    } catch (IOException | ClassNotFoundException e) {
      throw new IllegalStateException("cannot read the state of checkpoint " + item.id()
          + " with " + serializer.getClass().getName(), e);
    }
    return Checkpoint.builder().id(item.id()).state(state)
        .nodeId(text(args, "nodeId")).nextNodeId(text(args, "nextNodeId")).build();
  }

  private static String text(JsonNode args, String field) {
    JsonNode n = args.get(field);
    return n == null || n.isNull() ? null : n.asText();
  }

}
