package dev.agentstore;

import java.time.Instant;

/**
 * One stored item of a declared kind's collection ({@link ItemCollection}), or of an execution's
 * messages, tool calls or tasks, with its sequence and key.
 *
 * <p>Usage: {@code CollectionItem<ObjectNode> e = events.append("evt-42", item); long seq = e.sequence();}
 *
 * @param sequence its position under its parent: 1 for the first item, then each next one
 * @param key the caller's key it was appended with, or null
 * @param createdAt when it was appended (null for an execution's messages, tool calls and
 *     tasks, whose rows do not record it)
 * @param createdBy who appended it (the store's actor; null for execution items likewise)
 * @param item the item
 * @param <I> the item type
 */
public record CollectionItem<I>(long sequence, String key, Instant createdAt, String createdBy,
    I item) {}
