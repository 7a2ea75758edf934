package dev.agentstore.secret;

/**
 * What {@link Secrets#reencryptAll()} did.
 *
 * <p>Usage: {@code if (!store.secrets().reencryptAll().complete()) { ...run it again... }}
 *
 * @param resourcesScanned resources with secret fields that were read
 * @param resourcesRewritten resources written again with re-sealed values
 * @param valuesResealed secret values re-sealed under the primary key
 * @param retries rewrites repeated because the resource changed concurrently
 * @param complete false when it stopped early (interrupted); rerun to finish
 */
public record ReencryptionReport(long resourcesScanned, long resourcesRewritten,
    long valuesResealed, long retries, boolean complete) {}
