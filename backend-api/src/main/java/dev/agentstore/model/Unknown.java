package dev.agentstore.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** Helpers for the unknown-field maps that spec and status records carry. */
final class Unknown {
  private Unknown() {}

  /** A mutable, ordered copy (Jackson adds to it while reading), empty when absent. */
  static Map<String, JsonNode> orEmpty(Map<String, JsonNode> m) {
    return m == null ? new LinkedHashMap<>() : m;
  }
}
