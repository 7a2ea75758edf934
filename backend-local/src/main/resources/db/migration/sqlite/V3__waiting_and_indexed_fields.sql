-- agentstore schema for SQLite, version 3: the WAITING phase and indexed execution fields.
--
-- 1. Executions gain the non-terminal phase WAITING. SQLite cannot change a CHECK constraint in
--    place, and rebuilding agent_executions / workflow_executions would (with foreign keys on)
--    cascade-delete their items and contexts. A column's own CHECK goes with the column,
--    though: so a new phase column with the new CHECK is added, filled, the old one dropped and
--    the new one renamed (the phase index is dropped first and rebuilt).
-- 2. Indexed fields (docs/queries.md "Indexed fields"): status.startedAt, status.completedAt
--    and, for agent executions, status.usage.{inputTokens,outputTokens,costUsd,durationMs} get
--    a column holding an order-preserving key of the JSON value, written by the store in the same
--    statement as the JSON (as phase and the reference columns are), and an (org, key, id)
--    index. '~' is the key of an absent field (it sorts after every real key). Rows written
--    before this version have keys_version 0: the store computes their keys when it opens
--    (SqlBackend), found through a partial index, then sets keys_version to 1.

DROP INDEX agent_executions_org_phase_created_idx;
ALTER TABLE agent_executions ADD COLUMN phase_v3 VARCHAR(16) NOT NULL DEFAULT 'PENDING'
  CHECK (phase_v3 IN ('PENDING', 'IN_PROGRESS', 'WAITING', 'COMPLETED', 'FAILED', 'CANCELLED'));
UPDATE agent_executions SET phase_v3 = phase;
ALTER TABLE agent_executions DROP COLUMN phase;
ALTER TABLE agent_executions RENAME COLUMN phase_v3 TO phase;
CREATE INDEX agent_executions_org_phase_created_idx ON agent_executions (org, phase, created_at, id);

DROP INDEX workflow_executions_org_phase_created_idx;
ALTER TABLE workflow_executions ADD COLUMN phase_v3 VARCHAR(16) NOT NULL DEFAULT 'PENDING'
  CHECK (phase_v3 IN ('PENDING', 'IN_PROGRESS', 'WAITING', 'COMPLETED', 'FAILED', 'CANCELLED'));
UPDATE workflow_executions SET phase_v3 = phase;
ALTER TABLE workflow_executions DROP COLUMN phase;
ALTER TABLE workflow_executions RENAME COLUMN phase_v3 TO phase;
CREATE INDEX workflow_executions_org_phase_created_idx ON workflow_executions (org, phase, created_at, id);

ALTER TABLE agent_executions ADD COLUMN keys_version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE agent_executions ADD COLUMN ix_started_at VARCHAR(1100) NOT NULL DEFAULT '~';
ALTER TABLE agent_executions ADD COLUMN ix_completed_at VARCHAR(1100) NOT NULL DEFAULT '~';
ALTER TABLE agent_executions ADD COLUMN ix_usage_input_tokens VARCHAR(1100) NOT NULL DEFAULT '~';
ALTER TABLE agent_executions ADD COLUMN ix_usage_output_tokens VARCHAR(1100) NOT NULL DEFAULT '~';
ALTER TABLE agent_executions ADD COLUMN ix_usage_cost_usd VARCHAR(1100) NOT NULL DEFAULT '~';
ALTER TABLE agent_executions ADD COLUMN ix_usage_duration_ms VARCHAR(1100) NOT NULL DEFAULT '~';
CREATE INDEX agent_executions_keys_pending_idx ON agent_executions (id) WHERE keys_version = 0;
CREATE INDEX agent_executions_org_started_at_idx ON agent_executions (org, ix_started_at, id);
CREATE INDEX agent_executions_org_completed_at_idx ON agent_executions (org, ix_completed_at, id);
CREATE INDEX agent_executions_org_usage_input_tokens_idx ON agent_executions (org, ix_usage_input_tokens, id);
CREATE INDEX agent_executions_org_usage_output_tokens_idx ON agent_executions (org, ix_usage_output_tokens, id);
CREATE INDEX agent_executions_org_usage_cost_usd_idx ON agent_executions (org, ix_usage_cost_usd, id);
CREATE INDEX agent_executions_org_usage_duration_ms_idx ON agent_executions (org, ix_usage_duration_ms, id);

ALTER TABLE workflow_executions ADD COLUMN keys_version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE workflow_executions ADD COLUMN ix_started_at VARCHAR(1100) NOT NULL DEFAULT '~';
ALTER TABLE workflow_executions ADD COLUMN ix_completed_at VARCHAR(1100) NOT NULL DEFAULT '~';
CREATE INDEX workflow_executions_keys_pending_idx ON workflow_executions (id) WHERE keys_version = 0;
CREATE INDEX workflow_executions_org_started_at_idx ON workflow_executions (org, ix_started_at, id);
CREATE INDEX workflow_executions_org_completed_at_idx ON workflow_executions (org, ix_completed_at, id);
