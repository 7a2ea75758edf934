package dev.agentstore.spi;

/**
 * One execution item as {@link BackendTransaction#itemsAcross} returns it.
 *
 * <p>Usage: {@code for (StoredExecutionItem i : tx.itemsAcross(kind, q)) use(i.executionId(), i.json());}
 *
 * @param executionId the execution holding it
 * @param org that execution's org
 * @param sequence its position in the execution's collection
 * @param key its key (tool call or task id, a message's idempotency key), or null
 * @param json the item as a JSON object
 * @param timeKey its {@link ItemField#TIME} key (the page cursor's sort value)
 */
public record StoredExecutionItem(String executionId, String org, long sequence, String key,
    String json, String timeKey) {}
