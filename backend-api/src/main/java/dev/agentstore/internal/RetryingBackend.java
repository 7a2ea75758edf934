package dev.agentstore.internal;

import dev.agentstore.TransactionConflictException;
import dev.agentstore.observe.StoreObserver;
import dev.agentstore.spi.Backend;
import dev.agentstore.spi.Capabilities;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The backend as the store uses it: a write transaction that conflicted with a concurrent one
 * ({@link TransactionConflictException}: a PostgreSQL serialization failure or deadlock) is
 * rolled back by the backend and run again here, whole, after a short jittered pause, up to
 * {@code retries} more times; then the conflict is raised, retryable, with the number of runs.
 * Every write of the store goes through here: single repository calls, {@code inTransaction}
 * callbacks (which therefore may run more than once), and the store's own setup writes.
 *
 * <p>Usage: {@code Backend b = new RetryingBackend(provider.open(config), 10, observer);}
 */
final class RetryingBackend implements Backend {
  private final Backend backend;
  private final int retries;
  private final StoreObserver observer;

  RetryingBackend(Backend backend, int retries, StoreObserver observer) {
    this.backend = backend;
    this.retries = retries;
    this.observer = observer;
  }

  @Override
  public Capabilities capabilities() {
    return backend.capabilities();
  }

  /** Reads run on a snapshot and never conflict, so they are not re-run. */
  @Override
  public <T> T read(Work<T> work) {
    return backend.read(work);
  }

  @Override
  public <T> T readOneStatement(Work<T> work) {
    return backend.readOneStatement(work);
  }

  @Override
  public <T> T write(Work<T> work) {
    return retrying(() -> backend.write(work));
  }

  @Override
  public <T> T transaction(Work<T> work) {
    return retrying(() -> backend.transaction(work));
  }

  private <T> T retrying(Supplier<T> run) {
    for (int attempt = 0; ; attempt++) {
      try {
        return run.get();
      } catch (TransactionConflictException e) {
        if (attempt >= retries) {
          int runs = attempt + 1;
          TransactionConflictException last = new TransactionConflictException(
              e.getMessage() + " (gave up after " + runs + (runs == 1 ? " run" : " runs")
                  + "; retry later or raise transactionRetries)", e, runs);
          throw last;
        }
        if (observer != null) {
          observer.retried("transaction");
        }
        EditBackoff.pause(attempt);
      }
    }
  }

  @Override
  public Optional<Path> dataDirectory() {
    return backend.dataDirectory();
  }

  @Override
  public List<dev.agentstore.SchemaMigration> schemaMigrations() {
    return backend.schemaMigrations();
  }

  @Override
  public List<Path> dataFiles() {
    return backend.dataFiles();
  }

  @Override
  public List<dev.agentstore.KindDefinition> declareKinds(
      List<dev.agentstore.KindDefinition> declared, java.time.Instant now) {
    return backend.declareKinds(declared, now);
  }

  @Override
  public List<dev.agentstore.KindDefinition> storedKinds() {
    return backend.storedKinds();
  }

  @Override
  public void onCommittedChanges(Runnable listener) {
    backend.onCommittedChanges(listener);
  }

  @Override
  public void close() {
    backend.close();
  }
}
