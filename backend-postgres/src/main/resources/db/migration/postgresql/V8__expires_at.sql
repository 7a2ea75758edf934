-- Migration 8: metadata.expiresAt. A resource's expiry lives in its metadata JSON (microseconds
-- since the epoch, absent when it never expires); store.maintenance().run() deletes what has
-- expired. Each table gets a partial index on exactly the expression the queries use
-- (DialectStrategy.expiresAtTemplate), holding only the rows that expire. jOOQ's code
-- generator replays migrations on H2, which has no expression indexes, hence the markers.
/* [jooq ignore start] */
CREATE INDEX organizations_expires_idx ON organizations (CAST((metadata ->> 'expiresAt') AS BIGINT)) WHERE CAST((metadata ->> 'expiresAt') AS BIGINT) IS NOT NULL;
CREATE INDEX identity_accounts_expires_idx ON identity_accounts (CAST((metadata ->> 'expiresAt') AS BIGINT)) WHERE CAST((metadata ->> 'expiresAt') AS BIGINT) IS NOT NULL;
CREATE INDEX api_keys_expires_idx ON api_keys (CAST((metadata ->> 'expiresAt') AS BIGINT)) WHERE CAST((metadata ->> 'expiresAt') AS BIGINT) IS NOT NULL;
CREATE INDEX iam_policies_expires_idx ON iam_policies (CAST((metadata ->> 'expiresAt') AS BIGINT)) WHERE CAST((metadata ->> 'expiresAt') AS BIGINT) IS NOT NULL;
CREATE INDEX agents_expires_idx ON agents (CAST((metadata ->> 'expiresAt') AS BIGINT)) WHERE CAST((metadata ->> 'expiresAt') AS BIGINT) IS NOT NULL;
CREATE INDEX agent_instances_expires_idx ON agent_instances (CAST((metadata ->> 'expiresAt') AS BIGINT)) WHERE CAST((metadata ->> 'expiresAt') AS BIGINT) IS NOT NULL;
CREATE INDEX workflows_expires_idx ON workflows (CAST((metadata ->> 'expiresAt') AS BIGINT)) WHERE CAST((metadata ->> 'expiresAt') AS BIGINT) IS NOT NULL;
CREATE INDEX workflow_instances_expires_idx ON workflow_instances (CAST((metadata ->> 'expiresAt') AS BIGINT)) WHERE CAST((metadata ->> 'expiresAt') AS BIGINT) IS NOT NULL;
CREATE INDEX sessions_expires_idx ON sessions (CAST((metadata ->> 'expiresAt') AS BIGINT)) WHERE CAST((metadata ->> 'expiresAt') AS BIGINT) IS NOT NULL;
CREATE INDEX skills_expires_idx ON skills (CAST((metadata ->> 'expiresAt') AS BIGINT)) WHERE CAST((metadata ->> 'expiresAt') AS BIGINT) IS NOT NULL;
CREATE INDEX mcp_servers_expires_idx ON mcp_servers (CAST((metadata ->> 'expiresAt') AS BIGINT)) WHERE CAST((metadata ->> 'expiresAt') AS BIGINT) IS NOT NULL;
CREATE INDEX environments_expires_idx ON environments (CAST((metadata ->> 'expiresAt') AS BIGINT)) WHERE CAST((metadata ->> 'expiresAt') AS BIGINT) IS NOT NULL;
CREATE INDEX agent_executions_expires_idx ON agent_executions (CAST((metadata ->> 'expiresAt') AS BIGINT)) WHERE CAST((metadata ->> 'expiresAt') AS BIGINT) IS NOT NULL;
CREATE INDEX workflow_executions_expires_idx ON workflow_executions (CAST((metadata ->> 'expiresAt') AS BIGINT)) WHERE CAST((metadata ->> 'expiresAt') AS BIGINT) IS NOT NULL;
CREATE INDEX execution_contexts_expires_idx ON execution_contexts (CAST((metadata ->> 'expiresAt') AS BIGINT)) WHERE CAST((metadata ->> 'expiresAt') AS BIGINT) IS NOT NULL;
/* [jooq ignore stop] */
