package dev.agentstore.spi;

import java.util.List;

/**
 * A read of a collection's items as the backend runs it: those with a sequence above
 * {@code afterSequence}, matching every condition, in sequence order, at most {@code limit}.
 * Conditions compare declared item fields' {@link SortKeys} keys bytewise ({@link SortKeys#ABSENT}
 * for an absent field), which the facade computed from the caller's values.
 *
 * <p>Usage: {@code tx.collectionItems(kind, "events", parentId, new StoredItemQuery(0, 50, List.of()))}
 *
 * @param afterSequence only items with a higher sequence
 * @param limit at most this many
 * @param conditions all must hold
 */
public record StoredItemQuery(long afterSequence, int limit, List<Condition> conditions) {

  /** How a condition compares a field's key. */
  public enum Op {
    /** The key is one of the keys. */
    IN,
    /** The key is none of the keys. */
    NOT_IN,
    /** Below the (one) key, and present. */
    LESS_THAN,
    /** At most the key, and present. */
    LESS_OR_EQUAL,
    /** Above the key, and present. */
    GREATER_THAN,
    /** At least the key, and present. */
    GREATER_OR_EQUAL
  }

  /**
   * One condition on a declared item field.
   *
   * @param field the field's name
   * @param op how it compares
   * @param keys the keys compared with (one for the order comparisons)
   */
  public record Condition(String field, Op op, List<String> keys) {
    /** Copies the keys. */
    public Condition {
      keys = List.copyOf(keys);
    }
  }

  /** Copies the conditions. */
  public StoredItemQuery {
    conditions = List.copyOf(conditions);
  }
}
