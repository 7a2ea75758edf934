-- Migration 9: history writers commit in parallel, the change feed stays gapless. Until now
-- every history-writing transaction took one exclusive advisory lock before its history insert
-- and held it through its commit, so commits of history writers ran one at a time. Now each
-- history INSERT first takes ROW EXCLUSIVE on agentstore_history_order (a statement trigger,
-- before any sequence number is drawn), which writers share; a change-feed read takes SHARE on
-- it as the first statement of its repeatable-read transaction (PostgresDialect.beforeFeedRead),
-- which waits for the inserts in flight to commit and holds new ones back until the read ends,
-- so its snapshot holds every row below the highest it sees. The table is never written: it
-- exists to be locked, apart from the history table, whose autovacuum and index builds take
-- locks that would otherwise stall the feed. The trigger names the table by the history table's
-- own schema, so a store in a non-default schema (currentSchema) locks its own. jOOQ's code
-- generator replays migrations on H2, which has neither plpgsql nor zero-column tables, hence
-- the markers.
/* [jooq ignore start] */
CREATE TABLE agentstore_history_order ();
CREATE FUNCTION agentstore_history_order_lock() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('LOCK TABLE %I.agentstore_history_order IN ROW EXCLUSIVE MODE', TG_TABLE_SCHEMA);
  RETURN NULL;
END
$$;
CREATE TRIGGER api_resource_versions_history_order BEFORE INSERT ON api_resource_versions
  FOR EACH STATEMENT EXECUTE FUNCTION agentstore_history_order_lock();
/* [jooq ignore stop] */
