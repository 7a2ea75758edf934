-- agentstore schema for SQLite, version 7: execution items queried across executions
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
UPDATE agent_execution_items SET org = (SELECT e.org FROM agent_executions e WHERE e.id = agent_execution_items.execution_id);
UPDATE agent_execution_items SET
  ix_time = CASE WHEN json_type(body, '$.timestamp') = 'text' AND json_extract(body, '$.timestamp') GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]*Z' AND substr(json_extract(body, '$.timestamp'), 1, 4) <> '0000' AND (length(json_extract(body, '$.timestamp')) = 20 OR (substr(json_extract(body, '$.timestamp'), 20, 1) = '.' AND length(json_extract(body, '$.timestamp')) BETWEEN 22 AND 30 AND substr(json_extract(body, '$.timestamp'), 21, length(json_extract(body, '$.timestamp')) - 21) NOT GLOB '*[^0-9]*'))
    THEN substr(json_extract(body, '$.timestamp'), 1, 4) || substr(json_extract(body, '$.timestamp'), 6, 2) || substr(json_extract(body, '$.timestamp'), 9, 2) || substr(json_extract(body, '$.timestamp'), 12, 2) || substr(json_extract(body, '$.timestamp'), 15, 2) || substr(json_extract(body, '$.timestamp'), 18, 2) || substr(CASE WHEN length(json_extract(body, '$.timestamp')) > 20 THEN substr(json_extract(body, '$.timestamp'), 21, length(json_extract(body, '$.timestamp')) - 21) ELSE '' END || '000000000', 1, 9) ELSE '~' END,
  ix_name = CASE WHEN json_type(body, '$.type') <> 'text' OR json_type(body, '$.type') IS NULL THEN '~' WHEN length(json_extract(body, '$.type')) <= 256 THEN 's' || json_extract(body, '$.type') ELSE 'L' END
WHERE collection = 'messages';
UPDATE agent_execution_items SET
  ix_time = CASE WHEN json_type(body, '$.startedAt') = 'text' AND json_extract(body, '$.startedAt') GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]*Z' AND substr(json_extract(body, '$.startedAt'), 1, 4) <> '0000' AND (length(json_extract(body, '$.startedAt')) = 20 OR (substr(json_extract(body, '$.startedAt'), 20, 1) = '.' AND length(json_extract(body, '$.startedAt')) BETWEEN 22 AND 30 AND substr(json_extract(body, '$.startedAt'), 21, length(json_extract(body, '$.startedAt')) - 21) NOT GLOB '*[^0-9]*'))
    THEN substr(json_extract(body, '$.startedAt'), 1, 4) || substr(json_extract(body, '$.startedAt'), 6, 2) || substr(json_extract(body, '$.startedAt'), 9, 2) || substr(json_extract(body, '$.startedAt'), 12, 2) || substr(json_extract(body, '$.startedAt'), 15, 2) || substr(json_extract(body, '$.startedAt'), 18, 2) || substr(CASE WHEN length(json_extract(body, '$.startedAt')) > 20 THEN substr(json_extract(body, '$.startedAt'), 21, length(json_extract(body, '$.startedAt')) - 21) ELSE '' END || '000000000', 1, 9) ELSE '~' END,
  ix_name = CASE WHEN json_type(body, '$.name') <> 'text' OR json_type(body, '$.name') IS NULL THEN '~' WHEN length(json_extract(body, '$.name')) <= 256 THEN 's' || json_extract(body, '$.name') ELSE 'L' END,
  ix_status = CASE WHEN json_type(body, '$.status') <> 'text' OR json_type(body, '$.status') IS NULL THEN '~' WHEN length(json_extract(body, '$.status')) <= 256 THEN 's' || json_extract(body, '$.status') ELSE 'L' END
WHERE collection = 'toolCalls';
CREATE INDEX agent_execution_items_org_time_idx ON agent_execution_items (org, collection, ix_time, execution_id, seq);
CREATE INDEX agent_execution_items_org_status_time_idx ON agent_execution_items (org, collection, ix_status, ix_time, execution_id, seq);
CREATE INDEX agent_execution_items_org_name_time_idx ON agent_execution_items (org, collection, ix_name, ix_time, execution_id, seq);

ALTER TABLE workflow_execution_items ADD COLUMN org VARCHAR(64) NOT NULL DEFAULT '';
ALTER TABLE workflow_execution_items ADD COLUMN ix_time VARCHAR(32) NOT NULL DEFAULT '~';
ALTER TABLE workflow_execution_items ADD COLUMN ix_name VARCHAR(1100) NOT NULL DEFAULT '~';
ALTER TABLE workflow_execution_items ADD COLUMN ix_status VARCHAR(1100) NOT NULL DEFAULT '~';
UPDATE workflow_execution_items SET org = (SELECT e.org FROM workflow_executions e WHERE e.id = workflow_execution_items.execution_id);
UPDATE workflow_execution_items SET
  ix_time = CASE WHEN json_type(body, '$.startedAt') = 'text' AND json_extract(body, '$.startedAt') GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]*Z' AND substr(json_extract(body, '$.startedAt'), 1, 4) <> '0000' AND (length(json_extract(body, '$.startedAt')) = 20 OR (substr(json_extract(body, '$.startedAt'), 20, 1) = '.' AND length(json_extract(body, '$.startedAt')) BETWEEN 22 AND 30 AND substr(json_extract(body, '$.startedAt'), 21, length(json_extract(body, '$.startedAt')) - 21) NOT GLOB '*[^0-9]*'))
    THEN substr(json_extract(body, '$.startedAt'), 1, 4) || substr(json_extract(body, '$.startedAt'), 6, 2) || substr(json_extract(body, '$.startedAt'), 9, 2) || substr(json_extract(body, '$.startedAt'), 12, 2) || substr(json_extract(body, '$.startedAt'), 15, 2) || substr(json_extract(body, '$.startedAt'), 18, 2) || substr(CASE WHEN length(json_extract(body, '$.startedAt')) > 20 THEN substr(json_extract(body, '$.startedAt'), 21, length(json_extract(body, '$.startedAt')) - 21) ELSE '' END || '000000000', 1, 9) ELSE '~' END,
  ix_name = CASE WHEN json_type(body, '$.name') <> 'text' OR json_type(body, '$.name') IS NULL THEN '~' WHEN length(json_extract(body, '$.name')) <= 256 THEN 's' || json_extract(body, '$.name') ELSE 'L' END,
  ix_status = CASE WHEN json_type(body, '$.status') <> 'text' OR json_type(body, '$.status') IS NULL THEN '~' WHEN length(json_extract(body, '$.status')) <= 256 THEN 's' || json_extract(body, '$.status') ELSE 'L' END
WHERE collection = 'tasks';
CREATE INDEX workflow_execution_items_org_time_idx ON workflow_execution_items (org, collection, ix_time, execution_id, seq);
CREATE INDEX workflow_execution_items_org_status_time_idx ON workflow_execution_items (org, collection, ix_status, ix_time, execution_id, seq);
CREATE INDEX workflow_execution_items_org_name_time_idx ON workflow_execution_items (org, collection, ix_name, ix_time, execution_id, seq);

