package dev.agentstore;

/**
 * A write carried a stale version: another writer changed the resource first. Nothing was changed;
 * re-read, re-apply the change and retry ({@link #isRetryable()} is true in that sense;
 * {@code repository.edit(id, change)} does exactly this). {@link #resourceId()} and
 * {@link #kind()} name the resource.
 *
 * <p>Usage: {@code catch (ConflictException e) { long now = e.actualVersion(); }}
 */
public class ConflictException extends AgentStoreException {
  private static final long serialVersionUID = 1L;
  private final long expectedVersion;
  private final long actualVersion;

  /** Creates the error for {@code resourceId}, written at {@code expected} but stored at {@code actual}. */
  public ConflictException(String resourceId, long expected, long actual) {
    this(null, resourceId, expected, actual);
  }

  /**
   * The same for a resource of {@code kind}: needed for declared kinds, whose ids' prefixes
   * {@link Kind#fromId} does not know (null reads the kind from the id, as above).
   */
  public ConflictException(Kind kind, String resourceId, long expected, long actual) {
    super(resourceId + ": expected version " + expected + " but the stored version is " + actual,
        null, kind, resourceId, null);
    this.expectedVersion = expected;
    this.actualVersion = actual;
  }

  /** The version the caller wrote against. */
  public long expectedVersion() {
    return expectedVersion;
  }

  /** True: the write may succeed after re-reading the resource and applying the change again. */
  @Override
  public boolean isRetryable() {
    return true;
  }

  /** The version stored when the write was refused. */
  public long actualVersion() {
    return actualVersion;
  }
}
