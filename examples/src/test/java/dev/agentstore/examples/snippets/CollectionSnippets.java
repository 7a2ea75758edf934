package dev.agentstore.examples.snippets;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentstore.AgentStore;
import dev.agentstore.CollectionDefinition;
import dev.agentstore.CollectionItem;
import dev.agentstore.FieldRule;
import dev.agentstore.FieldType;
import dev.agentstore.ItemCollection;
import dev.agentstore.ItemQuery;
import dev.agentstore.Kind;
import dev.agentstore.KindDefinition;
import dev.agentstore.Query;
import dev.agentstore.spi.BackendTransaction;
import dev.agentstore.spi.StoredCollectionItem;
import dev.agentstore.spi.StoredItemQuery;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The Javadoc usage lines of declared collections, as compiled code (see JavadocSnippetsTest). */
@SuppressWarnings("unused")
abstract class CollectionSnippets {
  AgentStore store;
  KindDefinition session;
  String sessionId;
  ObjectNode item;
  long lastSeen;
  Instant since;
  BackendTransaction tx;
  Kind kind;
  String parentId;
  String org;
  String key;
  String json;
  Map<String, String> keys;
  Instant now;
  String actor;

  void define() {
    CollectionDefinition events = CollectionDefinition.builder("events")
        .field("type", FieldType.STRING, FieldRule.required(), FieldRule.oneOf("prompt", "tool", "error"))
        .field("at", FieldType.TIMESTAMP)
        .build();
    KindDefinition.builder("amelia.dev", "Session").idPrefix("ases").collection(events).build();
    CollectionDefinition.builder("events").field("type", FieldType.STRING).build();
  }

  void use(ItemCollection<ObjectNode> events) {
    store.resources(session).collection(sessionId, "events").append("evt-1", item);
    CollectionItem<ObjectNode> e = events.append("evt-42", item); long seq = e.sequence();
    events.list(ItemQuery.builder().after(lastSeen).where("type", "tool").limit(100).build());
    ItemQuery.builder().where("at", Query.JsonOperator.GREATER_OR_EQUAL, since).build();
  }

  void open() {
    ItemCollection<ObjectNode> events = store.resources(session).collection(sessionId, "events");
  }

  void spi() {
    tx.appendCollectionItems(kind, "events", parentId, org, List.of(StoredCollectionItem.toAppend(key, json, keys, now, actor)));
    tx.collectionItems(kind, "events", parentId, new StoredItemQuery(0, 50, List.of()));
  }
}
