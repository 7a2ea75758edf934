-- agentstore schema for PostgreSQL, version 7: execution items queried across executions
-- (docs/item-queries.md). Each item row gains store-written key columns, filled by the store in
-- the same statement as the body (SqlTransaction, from spi.ItemField): the execution's org, the
-- item's time (a tool call's or task's startedAt, a message's timestamp) and its name and
-- status (tool call / task name and status; a message's type as its name) as SortKeys keys:
-- '~' for absent, a time as its 23 digits year to nanosecond, a string of up to 256 characters
-- as 's' and the string, a longer one as 'L' (filters on such values read the body instead).
-- Rows already stored are backfilled here, with the same encoding in SQL. The (org,
-- collection, ...) indexes serve "the failed tool calls of the last 24 h" (status, time) and
-- "tool usage by name" (name, time) and plain time ranges, in keyset order (time, execution,
-- sequence).

ALTER TABLE agent_execution_items ADD COLUMN org VARCHAR(64) NOT NULL DEFAULT '';
ALTER TABLE agent_execution_items ADD COLUMN ix_time VARCHAR(32) NOT NULL DEFAULT '~';
ALTER TABLE agent_execution_items ADD COLUMN ix_name VARCHAR(1100) NOT NULL DEFAULT '~';
ALTER TABLE agent_execution_items ADD COLUMN ix_status VARCHAR(1100) NOT NULL DEFAULT '~';
/* [jooq ignore start] */
ALTER TABLE agent_execution_items ALTER COLUMN ix_time TYPE VARCHAR(32) COLLATE "C",
  ALTER COLUMN ix_name TYPE VARCHAR(1100) COLLATE "C",
  ALTER COLUMN ix_status TYPE VARCHAR(1100) COLLATE "C";
UPDATE agent_execution_items i SET org = e.org FROM agent_executions e WHERE e.id = i.execution_id;
UPDATE agent_execution_items SET
  ix_time = CASE WHEN jsonb_typeof(body -> 'timestamp') = 'string' AND (body ->> 'timestamp') ~ '^(000[1-9]|00[1-9][0-9]|0[1-9][0-9]{2}|[1-9][0-9]{3})-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,9})?Z$'
    THEN translate(substr((body ->> 'timestamp'), 1, 19), '-T:', '') || rpad(CASE WHEN length((body ->> 'timestamp')) > 20 THEN substr((body ->> 'timestamp'), 21, length((body ->> 'timestamp')) - 21) ELSE '' END, 9, '0') ELSE '~' END,
  ix_name = CASE WHEN jsonb_typeof(body -> 'type') IS DISTINCT FROM 'string' THEN '~' WHEN length((body ->> 'type')) <= 256 THEN 's' || (body ->> 'type') ELSE 'L' END
WHERE collection = 'messages';
UPDATE agent_execution_items SET
  ix_time = CASE WHEN jsonb_typeof(body -> 'startedAt') = 'string' AND (body ->> 'startedAt') ~ '^(000[1-9]|00[1-9][0-9]|0[1-9][0-9]{2}|[1-9][0-9]{3})-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,9})?Z$'
    THEN translate(substr((body ->> 'startedAt'), 1, 19), '-T:', '') || rpad(CASE WHEN length((body ->> 'startedAt')) > 20 THEN substr((body ->> 'startedAt'), 21, length((body ->> 'startedAt')) - 21) ELSE '' END, 9, '0') ELSE '~' END,
  ix_name = CASE WHEN jsonb_typeof(body -> 'name') IS DISTINCT FROM 'string' THEN '~' WHEN length((body ->> 'name')) <= 256 THEN 's' || (body ->> 'name') ELSE 'L' END,
  ix_status = CASE WHEN jsonb_typeof(body -> 'status') IS DISTINCT FROM 'string' THEN '~' WHEN length((body ->> 'status')) <= 256 THEN 's' || (body ->> 'status') ELSE 'L' END
WHERE collection = 'toolCalls';
/* [jooq ignore stop] */
CREATE INDEX agent_execution_items_org_time_idx ON agent_execution_items (org, collection, ix_time, execution_id, seq);
CREATE INDEX agent_execution_items_org_status_time_idx ON agent_execution_items (org, collection, ix_status, ix_time, execution_id, seq);
CREATE INDEX agent_execution_items_org_name_time_idx ON agent_execution_items (org, collection, ix_name, ix_time, execution_id, seq);

ALTER TABLE workflow_execution_items ADD COLUMN org VARCHAR(64) NOT NULL DEFAULT '';
ALTER TABLE workflow_execution_items ADD COLUMN ix_time VARCHAR(32) NOT NULL DEFAULT '~';
ALTER TABLE workflow_execution_items ADD COLUMN ix_name VARCHAR(1100) NOT NULL DEFAULT '~';
ALTER TABLE workflow_execution_items ADD COLUMN ix_status VARCHAR(1100) NOT NULL DEFAULT '~';
/* [jooq ignore start] */
ALTER TABLE workflow_execution_items ALTER COLUMN ix_time TYPE VARCHAR(32) COLLATE "C",
  ALTER COLUMN ix_name TYPE VARCHAR(1100) COLLATE "C",
  ALTER COLUMN ix_status TYPE VARCHAR(1100) COLLATE "C";
UPDATE workflow_execution_items i SET org = e.org FROM workflow_executions e WHERE e.id = i.execution_id;
UPDATE workflow_execution_items SET
  ix_time = CASE WHEN jsonb_typeof(body -> 'startedAt') = 'string' AND (body ->> 'startedAt') ~ '^(000[1-9]|00[1-9][0-9]|0[1-9][0-9]{2}|[1-9][0-9]{3})-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,9})?Z$'
    THEN translate(substr((body ->> 'startedAt'), 1, 19), '-T:', '') || rpad(CASE WHEN length((body ->> 'startedAt')) > 20 THEN substr((body ->> 'startedAt'), 21, length((body ->> 'startedAt')) - 21) ELSE '' END, 9, '0') ELSE '~' END,
  ix_name = CASE WHEN jsonb_typeof(body -> 'name') IS DISTINCT FROM 'string' THEN '~' WHEN length((body ->> 'name')) <= 256 THEN 's' || (body ->> 'name') ELSE 'L' END,
  ix_status = CASE WHEN jsonb_typeof(body -> 'status') IS DISTINCT FROM 'string' THEN '~' WHEN length((body ->> 'status')) <= 256 THEN 's' || (body ->> 'status') ELSE 'L' END
WHERE collection = 'tasks';
/* [jooq ignore stop] */
CREATE INDEX workflow_execution_items_org_time_idx ON workflow_execution_items (org, collection, ix_time, execution_id, seq);
CREATE INDEX workflow_execution_items_org_status_time_idx ON workflow_execution_items (org, collection, ix_status, ix_time, execution_id, seq);
CREATE INDEX workflow_execution_items_org_name_time_idx ON workflow_execution_items (org, collection, ix_name, ix_time, execution_id, seq);

