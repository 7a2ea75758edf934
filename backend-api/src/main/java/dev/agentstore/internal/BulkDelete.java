package dev.agentstore.internal;

import dev.agentstore.DeleteOptions;
import dev.agentstore.DeleteResult;
import dev.agentstore.FailedPreconditionException;
import dev.agentstore.InvalidArgumentException;
import dev.agentstore.Query;
import dev.agentstore.spi.BackendTransaction;
import dev.agentstore.spi.StoredResource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code deleteWhere}: deletes a query's matches batch by batch, one transaction per batch, each
 * batch found by keyset after the last row of the one before (rows deleted meanwhile simply
 * vanish from the next read; blocked rows are stepped over). A batch also ends when it has run
 * for {@link DeleteOptions#batchTime()}: it commits what it deleted, and the next batch goes on
 * after its last row, so no batch holds the write lock for long. A batch that hits a RESTRICT
 * reference is rolled back and retried one resource per transaction, so the blocked ones are
 * counted and the rest still go.
 *
 * <p>Usage: {@code DeleteResult r = new BulkDelete(repo).run(query, options);}
 */
final class BulkDelete {
  private final Repo<?, ?, ?> repo;

  BulkDelete(Repo<?, ?, ?> repo) {
    this.repo = repo;
  }

  /**
   * What one batch did: the ids it deleted, how many it left, where it ended, and whether its
   * time ran out before its page did.
   */
  private record Batch(List<String> deleted, long blocked, long transactions,
      StoredResource last, boolean more, boolean outOfTime) {}

  DeleteResult run(Query query, DeleteOptions options) {
    if (query == null) {
      throw new InvalidArgumentException("query", "required");
    }
    if (options == null) {
      throw new InvalidArgumentException("options", "required");
    }
    View view = repo.view;
    boolean ownTransactions = view.runner().ownsTransactions();
    if (options.deleteArtifacts()) {
      if (repo.core.artifacts == null) {
        throw new FailedPreconditionException("deleteArtifacts: this store has no artifact store;"
            + " open it with artifacts=file:/path or artifacts=s3://bucket/prefix");
      }
      if (!ownTransactions) {
        throw new FailedPreconditionException("deleteArtifacts: not inside inTransaction:"
            + " artifacts go after their batch commits, and a caller's transaction commits later");
      }
    }
    Query filters = query.withPageToken(null);
    // Reads about as many rows as a batch can delete in its time: a batch whose time ran out
    // after k deletions is followed by a read of k, and one that finished its page by a read
    // twice as large, up to batchSize. Without it a slow store would read 500 rows to delete 6.
    int size = options.batchSize();
    boolean record = !options.pruneHistory();
    long deleted = 0;
    long blocked = 0;
    long transactions = 0;
    long artifacts = 0;
    String token = null;
    while (true) {
      QueryPlan plan = QueryPlan.of(repo.kind(), view.org(),
          filters.toBuilder().pageSize(size).build().withPageToken(token), repo.core.tokens);
      int pageSize = size;
      if (plan.empty()) {
        break;
      }
      Batch b;
      try {
        b = view.runner().transaction(tx -> deleteBatch(tx, plan, pageSize, options, record));
      } catch (FailedPreconditionException e) {
        if (!ownTransactions) {
          throw e; // the caller's transaction is spoilt on some backends: it can only roll back
        }
        b = oneByOne(plan, pageSize, record);
      }
      deleted += b.deleted().size();
      blocked += b.blocked();
      transactions += b.transactions();
      if (options.deleteArtifacts()) {
        for (String id : b.deleted()) {
          artifacts += repo.core.artifacts.deletePrefix(id + "/");
        }
      }
      if (!b.more()) {
        break;
      }
      size = b.outOfTime() ? Math.max(1, b.deleted().size())
          : (int) Math.min(options.batchSize(), 2L * size);
      token = plan.nextToken(b.last());
    }
    return new DeleteResult(deleted, blocked, transactions, artifacts);
  }

  /**
   * Reads one batch and deletes it in {@code tx}, up to the batch time on the store's clock (the
   * system clock unless the builder set another, so tests can make time pass): then it stops
   * after the current row.
   */
  private Batch deleteBatch(BackendTransaction tx, QueryPlan plan, int size,
      DeleteOptions options, boolean record) {
    Instant ends = repo.core.now().plus(options.batchTime());
    List<StoredResource> rows = tx.list(repo.kind(), plan.stored());
    List<StoredResource> page = page(rows, size);
    List<String> deleted = new ArrayList<>(page.size());
    for (int i = 0; i < page.size(); i++) {
      StoredResource row = page.get(i);
      if (repo.deleteRow(tx, row.id(), null, record)) {
        deleted.add(row.id());
      }
      if (i + 1 < page.size() && !repo.core.now().isBefore(ends)) {
        return new Batch(deleted, 0, deleted.isEmpty() ? 0 : 1, row, true, true);
      }
    }
    return new Batch(deleted, 0, deleted.isEmpty() ? 0 : 1, last(page), rows.size() > size,
        false);
  }

  /** The same batch, one resource per transaction, counting the blocked ones. */
  private Batch oneByOne(QueryPlan plan, int size, boolean record) {
    View view = repo.view;
    List<StoredResource> rows = view.runner().read(tx -> tx.list(repo.kind(), plan.stored()));
    List<StoredResource> page = page(rows, size);
    List<String> deleted = new ArrayList<>();
    long blocked = 0;
    for (StoredResource row : page) {
      try {
        if (view.runner().transaction(tx -> repo.deleteRow(tx, row.id(), null, record))) {
          deleted.add(row.id());
        }
      } catch (FailedPreconditionException referenced) {
        blocked++;
      }
    }
    return new Batch(deleted, blocked, deleted.size(), last(page), rows.size() > size, false);
  }

  /** The backend returns one row more than a page when another page follows: drop it. */
  private static List<StoredResource> page(List<StoredResource> rows, int size) {
    return rows.size() > size ? rows.subList(0, size) : rows;
  }

  private static StoredResource last(List<StoredResource> page) {
    return page.isEmpty() ? null : page.get(page.size() - 1);
  }
}
