package dev.agentstore.secret;

import java.util.function.Consumer;

/**
 * Secret-key administration of a store: re-encryption after a key rotation.
 *
 * <p>Usage: {@code ReencryptionReport r = store.secrets().reencryptAll();}
 */
public interface Secrets {

  /** The batch size {@link #reencryptAll()} uses. */
  int DEFAULT_BATCH_SIZE = 200;

  /** {@link #reencryptAll(int)} with {@link #DEFAULT_BATCH_SIZE}. */
  default ReencryptionReport reencryptAll() {
    return reencryptAll(DEFAULT_BATCH_SIZE);
  }

  /**
   * Rewrites every sealed secret value that is not under the primary key (with a keyset whose
   * primary is unknown, a KMS {@code Aead}, every value) and re-seals the API-key hashing key,
   * {@code batchSize} resources per write transaction. Each rewritten resource gets a new
   * version and an UPDATED history row; reads and writes continue meanwhile, and a resource that
   * changes concurrently is re-read and retried. Safe to interrupt and to rerun: every batch
   * commits or rolls back whole, an interrupted thread stops between batches (returning an
   * incomplete report), and values already under the primary key are skipped. History snapshots
   * are not rewritten (see docs/secrets.md).
   */
  default ReencryptionReport reencryptAll(int batchSize) {
    return reencrypt(batchSize, Integer.MAX_VALUE);
  }

  /**
   * {@link #reencryptAll(int)} limited to {@code maxBatches} write transactions, to spread the
   * work of a large store over several runs; the report is incomplete when the limit stopped it.
   */
  ReencryptionReport reencrypt(int batchSize, int maxBatches);

  /**
   * {@link #reencrypt(int, int)} that also hands {@code progress} the running totals after every
   * committed batch (on the calling thread), for progress bars; the last call carries the
   * returned report. Usage:
   * {@code store.secrets().reencrypt(200, Integer.MAX_VALUE, r -> bar.show(r.resourcesScanned()))}
   */
  default ReencryptionReport reencrypt(int batchSize, int maxBatches,
      Consumer<ReencryptionReport> progress) {
    ReencryptionReport report = reencrypt(batchSize, maxBatches);
    progress.accept(report);
    return report;
  }
}
