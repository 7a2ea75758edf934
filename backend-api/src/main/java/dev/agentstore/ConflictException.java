package dev.agentstore;

/**
 * A write carried a stale version: another writer changed the resource first. Nothing was changed;
 * re-read, re-apply the change and retry.
 *
 * <p>Usage: {@code catch (ConflictException e) { long now = e.actualVersion(); }}
 */
public class ConflictException extends AgentStoreException {
  private static final long serialVersionUID = 1L;
  private final String resourceId;
  private final long expectedVersion;
  private final long actualVersion;

  /** Creates the error for {@code resourceId}, written at {@code expected} but stored at {@code actual}. */
  public ConflictException(String resourceId, long expected, long actual) {
    super(resourceId + ": expected version " + expected + " but the stored version is " + actual);
    this.resourceId = resourceId;
    this.expectedVersion = expected;
    this.actualVersion = actual;
  }

  /** The resource the write addressed. */
  public String resourceId() {
    return resourceId;
  }

  /** The version the caller wrote against. */
  public long expectedVersion() {
    return expectedVersion;
  }

  /** The version stored when the write was refused. */
  public long actualVersion() {
    return actualVersion;
  }
}
