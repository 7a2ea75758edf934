-- agentstore schema for PostgreSQL, version 3: the WAITING phase and indexed execution fields.
--
-- 1. Executions gain the non-terminal phase WAITING (the phase CHECK constraints are replaced).
-- 2. Indexed fields (docs/queries.md "Indexed fields"): status.startedAt, status.completedAt
--    and, for agent executions, status.usage.{inputTokens,outputTokens,costUsd,durationMs} get
--    a column holding an order-preserving key of the JSON value, written by the store in the same
--    statement as the JSON (as phase and the reference columns are), and an (org, key, id)
--    index. '~' is the key of an absent field (it sorts after every real key). The key columns
--    compare bytewise (COLLATE "C"), as SQLite's do, whatever the database's collation. Rows
--    written before this version have keys_version 0: the store computes their keys when it
--    opens (SqlBackend), found through a partial index, then sets keys_version to 1.

/* [jooq ignore start] */
ALTER TABLE agent_executions DROP CONSTRAINT agent_executions_phase_check;
ALTER TABLE agent_executions ADD CONSTRAINT agent_executions_phase_check
  CHECK (phase IN ('PENDING', 'IN_PROGRESS', 'WAITING', 'COMPLETED', 'FAILED', 'CANCELLED'));
ALTER TABLE workflow_executions DROP CONSTRAINT workflow_executions_phase_check;
ALTER TABLE workflow_executions ADD CONSTRAINT workflow_executions_phase_check
  CHECK (phase IN ('PENDING', 'IN_PROGRESS', 'WAITING', 'COMPLETED', 'FAILED', 'CANCELLED'));
/* [jooq ignore stop] */

ALTER TABLE agent_executions ADD COLUMN keys_version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE agent_executions ADD COLUMN ix_started_at VARCHAR(1100) NOT NULL DEFAULT '~';
ALTER TABLE agent_executions ADD COLUMN ix_completed_at VARCHAR(1100) NOT NULL DEFAULT '~';
ALTER TABLE agent_executions ADD COLUMN ix_usage_input_tokens VARCHAR(1100) NOT NULL DEFAULT '~';
ALTER TABLE agent_executions ADD COLUMN ix_usage_output_tokens VARCHAR(1100) NOT NULL DEFAULT '~';
ALTER TABLE agent_executions ADD COLUMN ix_usage_cost_usd VARCHAR(1100) NOT NULL DEFAULT '~';
ALTER TABLE agent_executions ADD COLUMN ix_usage_duration_ms VARCHAR(1100) NOT NULL DEFAULT '~';
ALTER TABLE workflow_executions ADD COLUMN keys_version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE workflow_executions ADD COLUMN ix_started_at VARCHAR(1100) NOT NULL DEFAULT '~';
ALTER TABLE workflow_executions ADD COLUMN ix_completed_at VARCHAR(1100) NOT NULL DEFAULT '~';

/* [jooq ignore start] */
ALTER TABLE agent_executions ALTER COLUMN ix_started_at TYPE VARCHAR(1100) COLLATE "C",
  ALTER COLUMN ix_completed_at TYPE VARCHAR(1100) COLLATE "C",
  ALTER COLUMN ix_usage_input_tokens TYPE VARCHAR(1100) COLLATE "C",
  ALTER COLUMN ix_usage_output_tokens TYPE VARCHAR(1100) COLLATE "C",
  ALTER COLUMN ix_usage_cost_usd TYPE VARCHAR(1100) COLLATE "C",
  ALTER COLUMN ix_usage_duration_ms TYPE VARCHAR(1100) COLLATE "C";
ALTER TABLE workflow_executions ALTER COLUMN ix_started_at TYPE VARCHAR(1100) COLLATE "C",
  ALTER COLUMN ix_completed_at TYPE VARCHAR(1100) COLLATE "C";
/* [jooq ignore stop] */

/* [jooq ignore start] */
CREATE INDEX agent_executions_keys_pending_idx ON agent_executions (id) WHERE keys_version = 0;
/* [jooq ignore stop] */
CREATE INDEX agent_executions_org_started_at_idx ON agent_executions (org, ix_started_at, id);
CREATE INDEX agent_executions_org_completed_at_idx ON agent_executions (org, ix_completed_at, id);
CREATE INDEX agent_executions_org_usage_input_tokens_idx ON agent_executions (org, ix_usage_input_tokens, id);
CREATE INDEX agent_executions_org_usage_output_tokens_idx ON agent_executions (org, ix_usage_output_tokens, id);
CREATE INDEX agent_executions_org_usage_cost_usd_idx ON agent_executions (org, ix_usage_cost_usd, id);
CREATE INDEX agent_executions_org_usage_duration_ms_idx ON agent_executions (org, ix_usage_duration_ms, id);
/* [jooq ignore start] */
CREATE INDEX workflow_executions_keys_pending_idx ON workflow_executions (id) WHERE keys_version = 0;
/* [jooq ignore stop] */
CREATE INDEX workflow_executions_org_started_at_idx ON workflow_executions (org, ix_started_at, id);
CREATE INDEX workflow_executions_org_completed_at_idx ON workflow_executions (org, ix_completed_at, id);
