package dev.agentstore.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentstore.CollectionDefinition;
import dev.agentstore.CollectionItem;
import dev.agentstore.InvalidArgumentException;
import dev.agentstore.ItemCollection;
import dev.agentstore.ItemQuery;
import dev.agentstore.Query;
import dev.agentstore.history.ChangeEvent;
import dev.agentstore.spi.BackendTransaction;
import dev.agentstore.spi.IndexedField;
import dev.agentstore.spi.SortKeys;
import dev.agentstore.spi.StoredCollectionItem;
import dev.agentstore.spi.StoredItemQuery;
import dev.agentstore.spi.StoredResource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The items of one declared collection under one resource. An append locks the parent row, looks
 * the entries' keys up (a key already held answers with its item and writes nothing), and
 * stores the new items at the sequences after the last one, bumping the parent's version and
 * recording one APPENDED history entry, as an append to an execution does.
 *
 * <p>Usage: {@code new CollectionRepo<>(repo, definition, parentId, ObjectNode.class).append(key, item)}
 *
 * @param <I> the item type
 */
final class CollectionRepo<I> implements ItemCollection<I> {
  /** The most entries one appendAll takes. */
  static final int MAX_APPEND = 1000;
  private static final int MAX_KEY = 255;

  private final Repo<?, ?, ?> parent;
  private final CollectionDefinition definition;
  private final String parentId;
  private final Class<I> itemClass;

  CollectionRepo(Repo<?, ?, ?> parent, CollectionDefinition definition, String parentId,
      Class<I> itemClass) {
    this.parent = parent;
    this.definition = definition;
    this.parentId = parentId;
    this.itemClass = itemClass;
  }

  @Override
  public CollectionItem<I> append(String key, I item) {
    return appendAll(List.of(ItemCollection.entry(key, item))).get(0);
  }

  @Override
  public List<CollectionItem<I>> appendAll(List<Entry<I>> entries) {
    String c = definition.name();
    if (entries == null || entries.isEmpty() || entries.size() > MAX_APPEND) {
      throw new InvalidArgumentException(c, "append 1 to " + MAX_APPEND + " items");
    }
    List<String> keys = new ArrayList<>();
    List<ObjectNode> items = new ArrayList<>();
    List<String> bodies = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      String where = c + "[" + i + "]";
      Entry<I> e = entries.get(i);
      if (e == null || e.item() == null) {
        throw new InvalidArgumentException(where, "an item is required");
      }
      keys.add(checkKey(e.key(), where + ".key"));
      ObjectNode item = Json.toObject(e.item(), where);
      DeclaredFields.checkItem(definition, item, where);
      String json = Json.write(item);
      parent.core.codec.requireSize(json.getBytes(java.nio.charset.StandardCharsets.UTF_8).length,
          where);
      items.add(item);
      bodies.add(json);
    }
    View view = parent.view;
    return parent.retryingRaces(() -> view.runner().write(tx -> {
      StoredResource cur = parent.require(tx, parentId);
      Map<String, StoredCollectionItem> held = new HashMap<>();
      List<String> asked = keys.stream().filter(k -> k != null).distinct().toList();
      if (!asked.isEmpty()) {
        tx.collectionItemsByKey(parent.kind, c, parentId, asked)
            .forEach(s -> held.put(s.key(), s));
      }
      Instant now = parent.core.now();
      List<StoredCollectionItem> fresh = new ArrayList<>();
      Map<String, Integer> freshByKey = new HashMap<>();
      Integer[] slot = new Integer[entries.size()];
      for (int i = 0; i < entries.size(); i++) {
        String k = keys.get(i);
        if (k != null && (held.containsKey(k) || freshByKey.containsKey(k))) {
          slot[i] = held.containsKey(k) ? null : freshByKey.get(k);
          continue;
        }
        if (k != null) {
          freshByKey.put(k, fresh.size());
        }
        slot[i] = fresh.size();
        fresh.add(StoredCollectionItem.toAppend(k, bodies.get(i),
            keysOf(items.get(i)), now, view.actor()));
      }
      List<StoredCollectionItem> stored = List.of();
      if (!fresh.isEmpty()) {
        long version = cur.version() + 1;
        if (!tx.touch(parent.kind, parentId, cur.version(), version, now, view.actor())) {
          throw new Repo.RaceLost(parentId, cur.version(),
              parent.require(tx, parentId).version());
        }
        stored = tx.appendCollectionItems(parent.kind, c, parentId, cur.org(), fresh);
        recordAppend(tx, cur.touched(version, now, view.actor()), stored);
      }
      List<CollectionItem<I>> out = new ArrayList<>(entries.size());
      for (int i = 0; i < entries.size(); i++) {
        out.add(decode(slot[i] == null ? held.get(keys.get(i)) : stored.get(slot[i])));
      }
      return out;
    }));
  }

  private void recordAppend(BackendTransaction tx, StoredResource row,
      List<StoredCollectionItem> stored) {
    ObjectNode snapshot = Json.nodes().objectNode();
    ArrayNode arr = snapshot.putObject("collections").putArray(definition.name());
    for (StoredCollectionItem s : stored) {
      ObjectNode n = arr.addObject().put("sequence", s.sequence());
      if (s.key() != null) {
        n.put("key", s.key());
      }
      n.set("item", Json.parseTrusted(s.json()));
    }
    parent.record(tx, row, ChangeEvent.APPENDED, snapshot);
  }

  @Override
  public Optional<CollectionItem<I>> get(String key) {
    String k = checkKey(key, "key");
    if (k == null) {
      throw new InvalidArgumentException("key", "required");
    }
    return parent.view.runner().read(tx -> {
      requireParent(tx);
      return tx.collectionItemsByKey(parent.kind, definition.name(), parentId, List.of(k))
          .stream().findFirst().map(this::decode);
    });
  }

  @Override
  public List<CollectionItem<I>> list(ItemQuery query) {
    StoredItemQuery q = stored(query);
    return parent.view.runner().read(tx -> {
      requireParent(tx);
      return tx.collectionItems(parent.kind, definition.name(), parentId, q).stream()
          .map(this::decode).toList();
    });
  }

  @Override
  public long count(ItemQuery query) {
    StoredItemQuery q = stored(query);
    return parent.view.runner().read(tx -> {
      requireParent(tx);
      return tx.countCollectionItems(parent.kind, definition.name(), parentId, q);
    });
  }

  private void requireParent(BackendTransaction tx) {
    if (parent.find(tx, parentId).isEmpty()) {
      throw parent.notFound(parentId);
    }
  }

  private CollectionItem<I> decode(StoredCollectionItem s) {
    JsonNode tree = Json.parseTrusted(s.json());
    I item = itemClass == ObjectNode.class ? itemClass.cast(tree)
        : Json.fromTree(tree, itemClass, definition.name() + "[" + s.sequence() + "]");
    return new CollectionItem<>(s.sequence(), s.key(), s.createdAt(), s.createdBy(), item);
  }

  private Map<String, String> keysOf(ObjectNode item) {
    return keysOf(definition, item);
  }

  /** The sort key of each of {@code definition}'s declared fields in {@code item}, by name. */
  static Map<String, String> keysOf(CollectionDefinition definition, ObjectNode item) {
    Map<String, String> out = new LinkedHashMap<>();
    for (CollectionDefinition.Field f : definition.fields()) {
      out.put(f.name(), SortKeys.of(item.get(f.name()), IndexedField.keyType(f.type())));
    }
    return out;
  }

  /** A caller's key (null: none), checked. */
  static String checkKey(String key, String where) {
    if (key == null) {
      return null;
    }
    if (key.isEmpty() || key.length() > MAX_KEY) {
      throw new InvalidArgumentException(where, "1 to " + MAX_KEY + " characters, got "
          + key.length());
    }
    if (key.chars().anyMatch(Character::isISOControl)) {
      throw new InvalidArgumentException(where, "must not hold control characters");
    }
    return key;
  }

  /** The query as key comparisons, refusing undeclared fields and values of the wrong type. */
  private StoredItemQuery stored(ItemQuery query) {
    if (query == null) {
      throw new InvalidArgumentException("query", "required (ItemQuery.all())");
    }
    List<StoredItemQuery.Condition> out = new ArrayList<>();
    for (ItemQuery.Filter f : query.filters()) {
      String where = "filter " + definition.name() + "." + f.field();
      CollectionDefinition.Field field = definition.field(f.field()).orElseThrow(() ->
          new InvalidArgumentException(where, "not a declared field of collection "
              + definition.name() + " (declared: "
              + definition.fields().stream().map(CollectionDefinition.Field::name).toList()
              + ")"));
      IndexedField.Type type = IndexedField.keyType(field.type());
      Query.JsonOperator op = f.operator();
      switch (op) {
        case EQUALS -> out.add(cond(f, StoredItemQuery.Op.IN, List.of(key(f.value(), type,
            where))));
        case IS_NULL -> out.add(cond(f, StoredItemQuery.Op.IN, List.of(SortKeys.ABSENT)));
        case IS_NOT_NULL -> out.add(cond(f, StoredItemQuery.Op.NOT_IN,
            List.of(SortKeys.ABSENT)));
        case IN, NOT_IN -> {
          List<String> ks = new ArrayList<>();
          for (JsonNode v : f.value()) {
            ks.add(v.isNull() ? SortKeys.ABSENT : key(v, type, where));
          }
          out.add(cond(f, op == Query.JsonOperator.IN ? StoredItemQuery.Op.IN
              : StoredItemQuery.Op.NOT_IN, ks));
        }
        case LESS_THAN, LESS_OR_EQUAL, GREATER_THAN, GREATER_OR_EQUAL -> {
          if (type != IndexedField.Type.NUMBER && type != IndexedField.Type.TIMESTAMP) {
            throw new InvalidArgumentException(where, op + " compares INTEGER, DECIMAL and"
                + " TIMESTAMP fields; this one is " + field.type());
          }
          out.add(cond(f, StoredItemQuery.Op.valueOf(op.name()),
              List.of(key(f.value(), type, where))));
        }
        default -> throw new InvalidArgumentException(where, op + " does not apply to items");
      }
    }
    return new StoredItemQuery(query.afterSequence(), query.limit(), out);
  }

  private static StoredItemQuery.Condition cond(ItemQuery.Filter f, StoredItemQuery.Op op,
      List<String> keys) {
    return new StoredItemQuery.Condition(f.field(), op, keys);
  }

  /** The key of a filter value, which must be of the field's type. */
  private static String key(JsonNode v, IndexedField.Type type, String where) {
    String k = SortKeys.of(v, type);
    if (k.equals(SortKeys.ABSENT)) {
      throw new InvalidArgumentException(where, "compares a " + type.name().toLowerCase(
          java.util.Locale.ROOT) + " field, not " + (v == null ? "null" : Messages.clip(
              v.toString())));
    }
    return k;
  }
}
