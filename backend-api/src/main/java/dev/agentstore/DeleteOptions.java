package dev.agentstore;

/**
 * How {@link UpdatableRepository#deleteWhere(Query, DeleteOptions)} deletes: the batch size (one
 * transaction per batch), whether the deleted resources' history goes too, and whether the
 * artifacts under a deleted execution's id go with it.
 *
 * <p>Usage: {@code DeleteOptions o = DeleteOptions.builder().batchSize(200).pruneHistory(true).build();}
 *
 * @param batchSize resources per transaction, 1 to {@link #MAX_BATCH_SIZE}
 * @param pruneHistory remove every history entry of each deleted resource instead of recording
 *     a DELETED entry (the change feed then shows nothing of it)
 * @param deleteArtifacts also delete the artifacts under {@code <id>/} of each deleted resource
 *     (executions keep theirs there), after its batch commits
 */
public record DeleteOptions(int batchSize, boolean pruneHistory, boolean deleteArtifacts) {
  /** The default batch size. */
  public static final int DEFAULT_BATCH_SIZE = 500;
  /** The largest batch size. */
  public static final int MAX_BATCH_SIZE = 10_000;

  /** Checks the batch size. */
  public DeleteOptions {
    if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
      throw new InvalidArgumentException("batchSize", "must be 1 to " + MAX_BATCH_SIZE + ", was "
          + batchSize);
    }
  }

  /** Batches of {@link #DEFAULT_BATCH_SIZE}, DELETED history entries, artifacts kept. */
  public static DeleteOptions defaults() {
    return new DeleteOptions(DEFAULT_BATCH_SIZE, false, false);
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

    private Builder() {}

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
      return new DeleteOptions(batchSize, pruneHistory, deleteArtifacts);
    }
  }
}
