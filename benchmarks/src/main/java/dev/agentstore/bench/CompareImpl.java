package dev.agentstore.bench;

/**
 * One implementation in the issue-17 comparison: agentstore, minimal JDBC or Hibernate. Each
 * keeps the caller's copy of what it created (the object or id and version a caller holds), so
 * an update sends what a caller would send. Every write is its own transaction and writes the
 * same durable result: the execution row with its JSON spec and status, its message rows and one
 * history row.
 *
 * <p>Usage: {@code String id = impl.create(7); impl.get(id); impl.update(id, 1);}
 */
interface CompareImpl extends AutoCloseable {

  /** The column label: {@code agentstore}, {@code JDBC} or {@code Hibernate}. */
  String name();

  /** The counter every JDBC call of this implementation goes through. */
  CountingJdbc.Counter counter();

  /** Creates execution {@code n} (with its three messages); its id. */
  String create(int n) throws Exception;

  /**
   * Creates executions {@code first} to {@code first + count - 1} (each with its messages and
   * history row) in one transaction, as a bulk load does.
   */
  void createAll(int first, int count) throws Exception;

  /** Reads execution {@code id} with its messages; fails when missing or incomplete. */
  void get(String id) throws Exception;

  /** Replaces the spec of {@code id} (spec {@code variant}), checking the held version. */
  void update(String id, int variant) throws Exception;

  /** Replaces the status of {@code id} (usage {@code variant}), checking the held version. */
  void updateStatus(String id, int variant) throws Exception;

  /** Appends message {@code n} to {@code id}. */
  void appendMessage(String id, int n) throws Exception;

  /**
   * Moves {@code id} to {@code phase} (IN_PROGRESS or WAITING, a legal move from where it is),
   * as {@code transition} does: the status's phase changes, the version goes up, one history row.
   */
  void transition(String id, String phase) throws Exception;

  /**
   * Inserts tool call {@code call} of {@code id} ({@link CompareData#toolCall}), or replaces the
   * one with its id ({@code finished}: the call's result arrived).
   */
  void upsertToolCall(String id, int call, boolean finished) throws Exception;

  /**
   * Applies {@code id}'s execution by its (org, name) with spec {@code variant}, which differs
   * from the stored one: create-or-update, here an update of the spec with one history row.
   */
  void apply(String id, int variant) throws Exception;

  /** The first page of 50 of the org's executions in {@code phase}, newest first; its size. */
  int page(String phase) throws Exception;

  /**
   * Rows now durable: {executions, item rows (messages and tool calls), history rows} of this
   * implementation.
   */
  long[] durableCounts() throws Exception;

  @Override
  void close() throws Exception;
}
