package dev.agentstore;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentstore.internal.Json;

/** Parses the JSON scalar on the right of a {@code path == literal} filter. */
final class JsonLiterals {
  private JsonLiterals() {}

  static JsonNode parseScalar(String text) {
    JsonNode node = Json.parse(text, "filter literal");
    if (node.isContainerNode()) {
      throw new InvalidArgumentException("filter: compares with a JSON string, number, boolean or"
          + " null, not '" + Text.clip(text) + "'");
    }
    return node;
  }
}
