package dev.agentstore;

/**
 * The housekeeping an application schedules: deletes what outlived its kind's retention and
 * prunes history older than the history retention, both as configured on the builder
 * ({@link AgentStore.Builder#retention}, {@link AgentStore.Builder#historyRetention}). Safe to
 * run from several processes at once: every deletion is a {@code deleteWhere} batch of its own,
 * and a resource another run deleted first is simply gone.
 *
 * <p>Usage: {@code MaintenanceReport r = store.maintenance().run();}
 */
public interface Maintenance {

  /**
   * One pass: for each kind with a retention, deletes (with {@code deleteWhere} and its default
   * options: a DELETED history entry each, RESTRICT-referenced resources left and counted as
   * blocked) every resource not updated within it, kinds that depend on others first; then, with
   * a history retention, prunes older history entries (each resource keeps its latest). With
   * nothing configured it does nothing. Not inside {@code inTransaction} and not on a tenant
   * view ({@link FailedPreconditionException}): retention is store-wide.
   */
  MaintenanceReport run();
}
