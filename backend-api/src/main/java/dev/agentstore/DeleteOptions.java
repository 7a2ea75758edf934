package dev.agentstore;

import java.time.Duration;

/**
 * How {@link UpdatableRepository#deleteWhere(Query, DeleteOptions)} deletes: the batch size (one
 * transaction per batch), how long one batch may hold the write lock, whether the deleted
 * resources' history goes too, and whether the artifacts under a deleted execution's id go with
 * it.
 *
 * <p>Usage: {@code DeleteOptions o = DeleteOptions.builder().batchSize(200).pruneHistory(true).build();}
 *
 * @param batchSize resources per transaction, 1 to {@link #MAX_BATCH_SIZE}
 * @param pruneHistory remove every history entry of each deleted resource instead of recording
 *     a DELETED entry (the change feed then shows nothing of it)
 * @param deleteArtifacts also delete the artifacts under {@code <id>/} of each deleted resource
 *     (executions keep theirs there), after its batch commits
 * @param batchTime how long one batch may run (on the store's clock) before it commits what it
 *     has deleted so far and the next batch goes on from there, so that a pass never holds the
 *     write lock (SQLite's single writer; PostgreSQL's history order lock at commit) much longer
 *     than this, whatever one delete costs on a loaded machine; each batch deletes at least one
 *     resource. 1 ms to 1 minute
 */
public record DeleteOptions(int batchSize, boolean pruneHistory, boolean deleteArtifacts,
    Duration batchTime) {
  /** The default batch size. */
  public static final int DEFAULT_BATCH_SIZE = 500;
  /** The largest batch size. */
  public static final int MAX_BATCH_SIZE = 10_000;
  /** The default time budget of one batch: half of the 200 ms a writer should wait at most. */
  public static final Duration DEFAULT_BATCH_TIME = Duration.ofMillis(100);
  private static final Duration MIN_BATCH_TIME = Duration.ofMillis(1);
  private static final Duration MAX_BATCH_TIME = Duration.ofMinutes(1);

  /** Checks the batch size and time. */
  public DeleteOptions {
    if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
      throw new InvalidArgumentException("batchSize", "must be 1 to " + MAX_BATCH_SIZE + ", was "
          + batchSize);
    }
    if (batchTime == null || batchTime.compareTo(MIN_BATCH_TIME) < 0
        || batchTime.compareTo(MAX_BATCH_TIME) > 0) {
      throw new InvalidArgumentException("batchTime", "must be 1 ms to 1 minute, was "
          + batchTime);
    }
  }

  /** Options with the {@link #DEFAULT_BATCH_TIME default batch time}. */
  public DeleteOptions(int batchSize, boolean pruneHistory, boolean deleteArtifacts) {
    this(batchSize, pruneHistory, deleteArtifacts, DEFAULT_BATCH_TIME);
  }

  /**
   * Batches of {@link #DEFAULT_BATCH_SIZE} or {@link #DEFAULT_BATCH_TIME}, whichever ends first,
   * DELETED history entries, artifacts kept.
   */
  public static DeleteOptions defaults() {
    return new DeleteOptions(DEFAULT_BATCH_SIZE, false, false, DEFAULT_BATCH_TIME);
  }

  /** A builder starting from {@link #defaults()}. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link DeleteOptions}. Usage: {@code DeleteOptions.builder().deleteArtifacts(true).build()}. */
  public static final class Builder {
    private int batchSize = DEFAULT_BATCH_SIZE;
    private boolean pruneHistory;
    private boolean deleteArtifacts;
    private Duration batchTime = DEFAULT_BATCH_TIME;

    private Builder() {}

    /** How long one batch may run before it commits and the next goes on. */
    public Builder batchTime(Duration value) {
      batchTime = value;
      return this;
    }

    /** Resources per transaction. */
    public Builder batchSize(int value) {
      batchSize = value;
      return this;
    }

    /** Remove the deleted resources' history instead of recording their deletion. */
    public Builder pruneHistory(boolean value) {
      pruneHistory = value;
      return this;
    }

    /** Delete the artifacts under each deleted resource's id too. */
    public Builder deleteArtifacts(boolean value) {
      deleteArtifacts = value;
      return this;
    }

    /** The options. */
    public DeleteOptions build() {
      return new DeleteOptions(batchSize, pruneHistory, deleteArtifacts, batchTime);
    }
  }
}
