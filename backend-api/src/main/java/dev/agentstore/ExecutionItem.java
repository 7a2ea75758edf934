package dev.agentstore;

/**
 * One execution item found across executions ({@link ExecutionItems#list}): the item with the
 * execution holding it, that execution's org, its sequence there and its key.
 *
 * <p>Usage: {@code for (ExecutionItem<ToolCall> c : page.items()) log(c.executionId(), c.item().name());}
 *
 * @param executionId the execution holding the item
 * @param org that execution's org
 * @param sequence the item's position in the execution's collection (from 1)
 * @param key the item's key (a tool call's or task's id, a message's idempotency key), or null
 * @param item the item
 * @param <I> the item type
 */
public record ExecutionItem<I>(String executionId, String org, long sequence, String key,
    I item) {}
