package dev.agentstore.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The defensive copies that keep model values deeply immutable: lists and maps become
 * unmodifiable copies (order and null elements kept), JSON trees are deep-copied because
 * Jackson's nodes are mutable. Absent lists and maps stay null so that they are still left out of
 * the JSON, exactly as before.
 */
final class Copies {
  private Copies() {}

  /** An unmodifiable copy, or null. */
  static <T> List<T> list(List<T> l) {
    return l == null ? null : Collections.unmodifiableList(new ArrayList<>(l));
  }

  /** An unmodifiable, order-keeping copy, or null. */
  static <V> Map<String, V> map(Map<String, V> m) {
    return m == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(m));
  }

  /** A deep copy of a tree, or null. */
  static JsonNode node(JsonNode n) {
    return n == null ? null : n.deepCopy();
  }

  /** An unmodifiable copy of a list of trees, each deep-copied, or null. */
  static List<JsonNode> nodes(List<JsonNode> l) {
    if (l == null) {
      return null;
    }
    List<JsonNode> copy = new ArrayList<>(l.size());
    l.forEach(n -> copy.add(node(n)));
    return Collections.unmodifiableList(copy);
  }

  /**
   * The unknown fields: an unmodifiable, order-keeping copy with every tree deep-copied, empty
   * when absent. Jackson 2.18 collects a record's {@code @JsonAnySetter} component into its own
   * map before it calls the constructor, so freezing the map here does not stop reading.
   */
  static Map<String, JsonNode> unknown(Map<String, JsonNode> m) {
    if (m == null || m.isEmpty()) {
      return Map.of();
    }
    Map<String, JsonNode> copy = new LinkedHashMap<>();
    m.forEach((k, v) -> copy.put(k, node(v)));
    return Collections.unmodifiableMap(copy);
  }
}
