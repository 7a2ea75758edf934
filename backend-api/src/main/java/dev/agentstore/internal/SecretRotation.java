package dev.agentstore.internal;

import dev.agentstore.FailedPreconditionException;
import dev.agentstore.InvalidArgumentException;
import dev.agentstore.Kind;
import dev.agentstore.Query;
import dev.agentstore.secret.ReencryptionReport;
import dev.agentstore.secret.Secrets;
import dev.agentstore.spi.StoredQuery;
import dev.agentstore.spi.StoredResource;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Re-encryption after a key rotation: re-seals the API-key hashing key, then walks every kind
 * with secret fields (declared kinds' SECRET fields too) in keyset pages (createdAt, id), one
 * write transaction per page, re-sealing
 * the values not under the primary key.
 *
 * <p>Usage: {@code new SecretRotation(view, repos).reencryptAll(200)}
 */
final class SecretRotation implements Secrets {
  private final View view;
  private final Function<Kind, Repo<?, ?, ?>> repos;

  SecretRotation(View view, Function<Kind, Repo<?, ?, ?>> repos) {
    this.view = view;
    this.repos = repos;
  }

  @Override
  public ReencryptionReport reencrypt(int batchSize, int maxBatches) {
    return reencrypt(batchSize, maxBatches, report -> { });
  }

  @Override
  public ReencryptionReport reencrypt(int batchSize, int maxBatches,
      Consumer<ReencryptionReport> progress) {
    Objects.requireNonNull(progress, "progress");
    if (batchSize <= 0 || batchSize > Query.MAX_PAGE_SIZE) {
      throw new InvalidArgumentException("batchSize: must be between 1 and "
          + Query.MAX_PAGE_SIZE);
    }
    if (maxBatches <= 0) {
      throw new InvalidArgumentException("maxBatches: must be positive");
    }
    if (view.org() != null) {
      throw new InvalidArgumentException("reencryptAll: keys belong to the whole store; call it"
          + " on the unscoped store");
    }
    if (!view.runner().ownsTransactions()) {
      throw new FailedPreconditionException("reencryptAll commits batch by batch and cannot run"
          + " inside inTransaction");
    }
    StoreSecrets secrets = view.core().secrets;
    secrets.requireKey("reencryptAll");
    TxRunner backend = view.runner(); // its own transaction per batch (checked above)
    backend.write(tx -> {
      if (!secrets.hashKeyCurrent(tx)) {
        secrets.resealHashKey(tx);
      }
      return null;
    });
    long scanned = 0;
    int batches = 0;
    long[] counts = new long[3];
    List<Kind> kinds = new java.util.ArrayList<>(Kind.values());
    view.core().kinds.values().forEach(d -> kinds.add(d.kind()));
    for (Kind kind : kinds) {
      if (!SecretFields.hasSecrets(kind)) {
        continue;
      }
      Repo<?, ?, ?> repo = repos.apply(kind);
      StoredQuery.Cursor after = null;
      while (true) {
        StoredQuery q = StoredQuery.builder(batchSize).after(after).build();
        List<StoredResource> page = backend.write(tx -> {
          List<StoredResource> rows = tx.list(kind, q);
          for (StoredResource row : rows) {
            repo.reseal(tx, row, counts);
          }
          return rows;
        });
        scanned += page.size();
        if (page.size() < batchSize) {
          break;
        }
        if (++batches >= maxBatches || Thread.currentThread().isInterrupted()) {
          ReencryptionReport partial =
              new ReencryptionReport(scanned, counts[0], counts[1], counts[2], false);
          progress.accept(partial);
          return partial;
        }
        progress.accept(new ReencryptionReport(scanned, counts[0], counts[1], counts[2], false));
        StoredResource last = page.get(page.size() - 1);
        after = new StoredQuery.Cursor(last.createdAt(), last.id());
      }
    }
    ReencryptionReport done =
        new ReencryptionReport(scanned, counts[0], counts[1], counts[2], true);
    progress.accept(done);
    return done;
  }
}
