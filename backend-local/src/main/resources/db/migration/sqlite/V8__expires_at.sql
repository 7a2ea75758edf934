-- Migration 8: metadata.expiresAt. A resource's expiry lives in its metadata JSON (microseconds
-- since the epoch, absent when it never expires); store.maintenance().run() deletes what has
-- expired. Each table gets a partial index on exactly the expression the queries use
-- (DialectStrategy.expiresAtTemplate), holding only the rows that expire.
CREATE INDEX organizations_expires_idx ON organizations (json_extract(metadata, '$.expiresAt')) WHERE json_extract(metadata, '$.expiresAt') IS NOT NULL;
CREATE INDEX identity_accounts_expires_idx ON identity_accounts (json_extract(metadata, '$.expiresAt')) WHERE json_extract(metadata, '$.expiresAt') IS NOT NULL;
CREATE INDEX api_keys_expires_idx ON api_keys (json_extract(metadata, '$.expiresAt')) WHERE json_extract(metadata, '$.expiresAt') IS NOT NULL;
CREATE INDEX iam_policies_expires_idx ON iam_policies (json_extract(metadata, '$.expiresAt')) WHERE json_extract(metadata, '$.expiresAt') IS NOT NULL;
CREATE INDEX agents_expires_idx ON agents (json_extract(metadata, '$.expiresAt')) WHERE json_extract(metadata, '$.expiresAt') IS NOT NULL;
CREATE INDEX agent_instances_expires_idx ON agent_instances (json_extract(metadata, '$.expiresAt')) WHERE json_extract(metadata, '$.expiresAt') IS NOT NULL;
CREATE INDEX workflows_expires_idx ON workflows (json_extract(metadata, '$.expiresAt')) WHERE json_extract(metadata, '$.expiresAt') IS NOT NULL;
CREATE INDEX workflow_instances_expires_idx ON workflow_instances (json_extract(metadata, '$.expiresAt')) WHERE json_extract(metadata, '$.expiresAt') IS NOT NULL;
CREATE INDEX sessions_expires_idx ON sessions (json_extract(metadata, '$.expiresAt')) WHERE json_extract(metadata, '$.expiresAt') IS NOT NULL;
CREATE INDEX skills_expires_idx ON skills (json_extract(metadata, '$.expiresAt')) WHERE json_extract(metadata, '$.expiresAt') IS NOT NULL;
CREATE INDEX mcp_servers_expires_idx ON mcp_servers (json_extract(metadata, '$.expiresAt')) WHERE json_extract(metadata, '$.expiresAt') IS NOT NULL;
CREATE INDEX environments_expires_idx ON environments (json_extract(metadata, '$.expiresAt')) WHERE json_extract(metadata, '$.expiresAt') IS NOT NULL;
CREATE INDEX agent_executions_expires_idx ON agent_executions (json_extract(metadata, '$.expiresAt')) WHERE json_extract(metadata, '$.expiresAt') IS NOT NULL;
CREATE INDEX workflow_executions_expires_idx ON workflow_executions (json_extract(metadata, '$.expiresAt')) WHERE json_extract(metadata, '$.expiresAt') IS NOT NULL;
CREATE INDEX execution_contexts_expires_idx ON execution_contexts (json_extract(metadata, '$.expiresAt')) WHERE json_extract(metadata, '$.expiresAt') IS NOT NULL;
