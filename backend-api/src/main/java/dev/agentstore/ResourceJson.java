package dev.agentstore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentstore.internal.Json;

/**
 * Reads and writes resources as their JSON envelope {@code {apiVersion, kind, metadata, spec,
 * status}}, strictly: malformed JSON, duplicate keys, trailing content, unknown kinds, deep
 * nesting, NUL and unpaired surrogates are rejected with {@link InvalidArgumentException}.
 * Unknown spec and status fields are kept.
 *
 * <p>Usage: {@code Resource<?, ?> r = ResourceJson.read(text); store.repository(ResourceType.of(r.kind()))...}
 */
public final class ResourceJson {
  private ResourceJson() {}

  /** Parses an envelope; the {@code kind} field selects the record type. */
  public static Resource<?, ?> read(String json) {
    ObjectNode env = Json.parseObject(json, "resource");
    JsonNode api = env.get("apiVersion");
    if (api != null && !api.isNull() && !Resource.API_VERSION.equals(api.asText())) {
      throw new InvalidArgumentException("apiVersion: expected " + Resource.API_VERSION
          + ", got '" + api.asText() + "'");
    }
    JsonNode kindNode = env.get("kind");
    if (kindNode == null || !kindNode.isTextual()) {
      throw new InvalidArgumentException("kind: required");
    }
    return read(ResourceType.of(Kind.fromName(kindNode.textValue())), env);
  }

  private static <R extends Resource<S, T>, S, T> R read(ResourceType<R, S, T> type,
      ObjectNode env) {
    if (type.kind().scope() == Kind.Scope.HISTORY) {
      throw new InvalidArgumentException("kind: " + type.kind().kindName()
          + " is written by the store only");
    }
    Metadata m = Json.fromTree(env.get("metadata"), Metadata.class, "metadata");
    if (m == null) {
      throw new InvalidArgumentException("metadata: required");
    }
    S spec = Json.fromTree(env.get("spec"), type.specClass(), "spec");
    T status = Json.fromTree(env.get("status"), type.statusClass(), "status");
    return type.create(m, spec, status);
  }

  /**
   * Writes the envelope of {@code resource} (secret values as they are held: plaintext in
   * memory); a declared kind's {@code apiVersion} is its group's, {@code swarm.dev/v1}, as its
   * history snapshots say.
   */
  public static String write(Resource<?, ?> resource) {
    ObjectNode env = Json.nodes().objectNode();
    env.put("apiVersion", resource.kind().apiVersion());
    env.put("kind", resource.kind().kindName());
    env.set("metadata", Json.toTree(resource.metadata(), "metadata"));
    env.set("spec", Json.toTree(resource.spec(), "spec"));
    if (resource.status() != null) {
      env.set("status", Json.toTree(resource.status(), "status"));
    }
    return Json.write(env);
  }
}
