package dev.agentstore.adk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.adk.JsonBaseModel;
import com.google.adk.events.Event;
import com.google.adk.events.EventActions;
import com.google.adk.sessions.State;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * ADK values as JSON trees, through ADK's own object mapper: state values, and events with their
 * state delta (whose {@link State#REMOVED} marker is stored as JSON null, and whose
 * {@code temp:} keys are never stored).
 *
 * <p>Usage: {@code JsonNode tree = AdkJson.event(event);}
 */
final class AdkJson {
  static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final ObjectMapper MAPPER = JsonBaseModel.getMapper();

  private AdkJson() {}

  static JsonNode value(Object value) {
    return value == State.REMOVED ? NODES.nullNode() : MAPPER.valueToTree(value);
  }

  static Object fromValue(JsonNode node) {
    try {
      return MAPPER.treeToValue(node, Object.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored ADK state is not JSON ADK reads", e);
    }
  }

  /** A state map as a JSON object. */
  static ObjectNode state(Map<String, Object> state) {
    ObjectNode out = NODES.objectNode();
    state.forEach((k, v) -> out.set(k, value(v)));
    return out;
  }

  /** A JSON object as a mutable state map (insertion order kept). */
  static Map<String, Object> fromState(JsonNode node) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (node != null) {
      node.fields().forEachRemaining(e -> out.put(e.getKey(), fromValue(e.getValue())));
    }
    return out;
  }

  /** The event as stored: its state delta without {@code temp:} keys, REMOVED as null. */
  static ObjectNode event(Event event) {
    EventActions actions = event.actions();
    Map<String, Object> delta = actions == null || actions.stateDelta() == null
        ? Map.of() : actions.stateDelta();
    Event copy = event.toBuilder()
        .actions(actions == null ? null : actions.toBuilder().stateDelta(new ConcurrentHashMap<>()).build())
        .build();
    ObjectNode tree = MAPPER.valueToTree(copy);
    if (actions != null) {
      ObjectNode stored = NODES.objectNode();
      delta.forEach((k, v) -> {
        if (!k.startsWith(State.TEMP_PREFIX)) {
          stored.set(k, value(v));
        }
      });
      JsonNode actionsNode = tree.get("actions");
      if (actionsNode instanceof ObjectNode a) {
        a.set("stateDelta", stored);
      }
    }
    return tree;
  }

  /** The event of a stored tree. */
  static Event fromEvent(JsonNode stored) {
    ObjectNode tree = stored.deepCopy();
    List<String> removed = new ArrayList<>();
    JsonNode actions = tree.get("actions");
    if (actions instanceof ObjectNode a && a.get("stateDelta") instanceof ObjectNode delta) {
      delta.fields().forEachRemaining(e -> {
        if (e.getValue().isNull()) {
          removed.add(e.getKey());
        }
      });
      removed.forEach(delta::remove);
    }
    Event event = JsonBaseModel.fromJsonNode(tree, Event.class);
    removed.forEach(k -> event.actions().stateDelta().put(k, State.REMOVED));
    return event;
  }
}
