-- agentstore schema for PostgreSQL 14+, version 1.
--
-- The same tables, columns and delete rules as the SQLite schema (backend-local), in
-- PostgreSQL's types: JSONB documents, TIMESTAMPTZ timestamps (microsecond precision, like the
-- store's clock), an identity column for the change sequence. Columns that queries filter or
-- join on are real columns kept in step with the JSON by the store in the same statement, each
-- with an index that starts with the columns the query filters on and ends with the keyset
-- order (created_at, id). Labels have a GIN index for label selectors (labels @> '{"k":"v"}').
-- Deletes are RESTRICT wherever another resource depends on a row, so every deletion is
-- explicit and recorded in the history; the exceptions cascade from an execution to what only
-- it owns (its child items and its ephemeral ExecutionContext).
--
-- jOOQ generates the build's model from this file with its DDLDatabase (an in-memory H2 that
-- reads PostgreSQL syntax); the statements between "jooq ignore" markers are PostgreSQL-only
-- (index methods, operator classes) and change no table or column.

CREATE TABLE organizations (
  id VARCHAR(64) NOT NULL PRIMARY KEY,
  org VARCHAR(64) NOT NULL,
  slug VARCHAR(63) NOT NULL,
  name TEXT,
  version BIGINT NOT NULL CHECK (version >= 1),
  labels JSONB NOT NULL,
  metadata JSONB NOT NULL,
  spec JSONB NOT NULL,
  status JSONB NOT NULL,
  created_at TIMESTAMPTZ NOT NULL,
  updated_at TIMESTAMPTZ NOT NULL,
  created_by TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  CONSTRAINT organizations_org_is_self CHECK (org = id),
  CONSTRAINT organizations_slug_key UNIQUE (slug)
);
CREATE INDEX organizations_created_idx ON organizations (created_at, id);
CREATE INDEX organizations_org_created_idx ON organizations (org, created_at, id);
CREATE INDEX organizations_org_updated_idx ON organizations (org, updated_at, id);
/* [jooq ignore start] */
CREATE INDEX organizations_labels_idx ON organizations USING gin (labels jsonb_path_ops);
/* [jooq ignore stop] */

CREATE TABLE identity_accounts (
  id VARCHAR(64) NOT NULL PRIMARY KEY,
  org VARCHAR(64) NOT NULL,
  slug VARCHAR(63) NOT NULL,
  name TEXT,
  version BIGINT NOT NULL CHECK (version >= 1),
  labels JSONB NOT NULL,
  metadata JSONB NOT NULL,
  spec JSONB NOT NULL,
  status JSONB NOT NULL,
  created_at TIMESTAMPTZ NOT NULL,
  updated_at TIMESTAMPTZ NOT NULL,
  created_by TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  CONSTRAINT identity_accounts_org_fkey FOREIGN KEY (org) REFERENCES organizations (id) ON DELETE RESTRICT,
  CONSTRAINT identity_accounts_org_slug_key UNIQUE (org, slug),
  CONSTRAINT identity_accounts_org_id_key UNIQUE (org, id)
);
CREATE INDEX identity_accounts_created_idx ON identity_accounts (created_at, id);
CREATE INDEX identity_accounts_org_created_idx ON identity_accounts (org, created_at, id);
CREATE INDEX identity_accounts_org_updated_idx ON identity_accounts (org, updated_at, id);
/* [jooq ignore start] */
CREATE INDEX identity_accounts_labels_idx ON identity_accounts USING gin (labels jsonb_path_ops);
/* [jooq ignore stop] */

CREATE TABLE api_keys (
  id VARCHAR(64) NOT NULL PRIMARY KEY,
  org VARCHAR(64) NOT NULL,
  slug VARCHAR(63) NOT NULL,
  name TEXT,
  version BIGINT NOT NULL CHECK (version >= 1),
  labels JSONB NOT NULL,
  metadata JSONB NOT NULL,
  spec JSONB NOT NULL,
  status JSONB NOT NULL,
  key_hash VARCHAR(255),
  created_at TIMESTAMPTZ NOT NULL,
  updated_at TIMESTAMPTZ NOT NULL,
  created_by TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  CONSTRAINT api_keys_org_fkey FOREIGN KEY (org) REFERENCES organizations (id) ON DELETE RESTRICT,
  CONSTRAINT api_keys_org_slug_key UNIQUE (org, slug),
  CONSTRAINT api_keys_org_id_key UNIQUE (org, id)
);
CREATE INDEX api_keys_created_idx ON api_keys (created_at, id);
CREATE INDEX api_keys_org_created_idx ON api_keys (org, created_at, id);
CREATE INDEX api_keys_org_updated_idx ON api_keys (org, updated_at, id);
CREATE UNIQUE INDEX api_keys_key_hash_key ON api_keys (key_hash);
/* [jooq ignore start] */
CREATE INDEX api_keys_labels_idx ON api_keys USING gin (labels jsonb_path_ops);
/* [jooq ignore stop] */

CREATE TABLE iam_policies (
  id VARCHAR(64) NOT NULL PRIMARY KEY,
  org VARCHAR(64) NOT NULL,
  slug VARCHAR(63) NOT NULL,
  name TEXT,
  version BIGINT NOT NULL CHECK (version >= 1),
  labels JSONB NOT NULL,
  metadata JSONB NOT NULL,
  spec JSONB NOT NULL,
  status JSONB NOT NULL,
  created_at TIMESTAMPTZ NOT NULL,
  updated_at TIMESTAMPTZ NOT NULL,
  created_by TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  CONSTRAINT iam_policies_org_fkey FOREIGN KEY (org) REFERENCES organizations (id) ON DELETE RESTRICT,
  CONSTRAINT iam_policies_org_slug_key UNIQUE (org, slug),
  CONSTRAINT iam_policies_org_id_key UNIQUE (org, id)
);
CREATE INDEX iam_policies_created_idx ON iam_policies (created_at, id);
CREATE INDEX iam_policies_org_created_idx ON iam_policies (org, created_at, id);
CREATE INDEX iam_policies_org_updated_idx ON iam_policies (org, updated_at, id);
/* [jooq ignore start] */
CREATE INDEX iam_policies_labels_idx ON iam_policies USING gin (labels jsonb_path_ops);
/* [jooq ignore stop] */

CREATE TABLE agents (
  id VARCHAR(64) NOT NULL PRIMARY KEY,
  org VARCHAR(64) NOT NULL,
  slug VARCHAR(63) NOT NULL,
  name TEXT,
  version BIGINT NOT NULL CHECK (version >= 1),
  labels JSONB NOT NULL,
  metadata JSONB NOT NULL,
  spec JSONB NOT NULL,
  status JSONB NOT NULL,
  created_at TIMESTAMPTZ NOT NULL,
  updated_at TIMESTAMPTZ NOT NULL,
  created_by TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  CONSTRAINT agents_org_fkey FOREIGN KEY (org) REFERENCES organizations (id) ON DELETE RESTRICT,
  CONSTRAINT agents_org_slug_key UNIQUE (org, slug),
  CONSTRAINT agents_org_id_key UNIQUE (org, id)
);
CREATE INDEX agents_created_idx ON agents (created_at, id);
CREATE INDEX agents_org_created_idx ON agents (org, created_at, id);
CREATE INDEX agents_org_updated_idx ON agents (org, updated_at, id);
/* [jooq ignore start] */
CREATE INDEX agents_labels_idx ON agents USING gin (labels jsonb_path_ops);
/* [jooq ignore stop] */

CREATE TABLE agent_instances (
  id VARCHAR(64) NOT NULL PRIMARY KEY,
  org VARCHAR(64) NOT NULL,
  slug VARCHAR(63) NOT NULL,
  name TEXT,
  version BIGINT NOT NULL CHECK (version >= 1),
  labels JSONB NOT NULL,
  metadata JSONB NOT NULL,
  spec JSONB NOT NULL,
  status JSONB NOT NULL,
  agent_id VARCHAR(64),
  created_at TIMESTAMPTZ NOT NULL,
  updated_at TIMESTAMPTZ NOT NULL,
  created_by TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  CONSTRAINT agent_instances_org_fkey FOREIGN KEY (org) REFERENCES organizations (id) ON DELETE RESTRICT,
  CONSTRAINT agent_instances_org_slug_key UNIQUE (org, slug),
  CONSTRAINT agent_instances_org_id_key UNIQUE (org, id),
  CONSTRAINT agent_instances_agent_id_fkey FOREIGN KEY (org, agent_id) REFERENCES agents (org, id) ON DELETE RESTRICT
);
CREATE INDEX agent_instances_created_idx ON agent_instances (created_at, id);
CREATE INDEX agent_instances_org_created_idx ON agent_instances (org, created_at, id);
CREATE INDEX agent_instances_org_updated_idx ON agent_instances (org, updated_at, id);
CREATE INDEX agent_instances_agent_id_idx ON agent_instances (agent_id, created_at, id);
/* [jooq ignore start] */
CREATE INDEX agent_instances_labels_idx ON agent_instances USING gin (labels jsonb_path_ops);
/* [jooq ignore stop] */

CREATE TABLE workflows (
  id VARCHAR(64) NOT NULL PRIMARY KEY,
  org VARCHAR(64) NOT NULL,
  slug VARCHAR(63) NOT NULL,
  name TEXT,
  version BIGINT NOT NULL CHECK (version >= 1),
  labels JSONB NOT NULL,
  metadata JSONB NOT NULL,
  spec JSONB NOT NULL,
  status JSONB NOT NULL,
  created_at TIMESTAMPTZ NOT NULL,
  updated_at TIMESTAMPTZ NOT NULL,
  created_by TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  CONSTRAINT workflows_org_fkey FOREIGN KEY (org) REFERENCES organizations (id) ON DELETE RESTRICT,
  CONSTRAINT workflows_org_slug_key UNIQUE (org, slug),
  CONSTRAINT workflows_org_id_key UNIQUE (org, id)
);
CREATE INDEX workflows_created_idx ON workflows (created_at, id);
CREATE INDEX workflows_org_created_idx ON workflows (org, created_at, id);
CREATE INDEX workflows_org_updated_idx ON workflows (org, updated_at, id);
/* [jooq ignore start] */
CREATE INDEX workflows_labels_idx ON workflows USING gin (labels jsonb_path_ops);
/* [jooq ignore stop] */

CREATE TABLE workflow_instances (
  id VARCHAR(64) NOT NULL PRIMARY KEY,
  org VARCHAR(64) NOT NULL,
  slug VARCHAR(63) NOT NULL,
  name TEXT,
  version BIGINT NOT NULL CHECK (version >= 1),
  labels JSONB NOT NULL,
  metadata JSONB NOT NULL,
  spec JSONB NOT NULL,
  status JSONB NOT NULL,
  workflow_id VARCHAR(64),
  created_at TIMESTAMPTZ NOT NULL,
  updated_at TIMESTAMPTZ NOT NULL,
  created_by TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  CONSTRAINT workflow_instances_org_fkey FOREIGN KEY (org) REFERENCES organizations (id) ON DELETE RESTRICT,
  CONSTRAINT workflow_instances_org_slug_key UNIQUE (org, slug),
  CONSTRAINT workflow_instances_org_id_key UNIQUE (org, id),
  CONSTRAINT workflow_instances_workflow_id_fkey FOREIGN KEY (org, workflow_id) REFERENCES workflows (org, id) ON DELETE RESTRICT
);
CREATE INDEX workflow_instances_created_idx ON workflow_instances (created_at, id);
CREATE INDEX workflow_instances_org_created_idx ON workflow_instances (org, created_at, id);
CREATE INDEX workflow_instances_org_updated_idx ON workflow_instances (org, updated_at, id);
CREATE INDEX workflow_instances_workflow_id_idx ON workflow_instances (workflow_id, created_at, id);
/* [jooq ignore start] */
CREATE INDEX workflow_instances_labels_idx ON workflow_instances USING gin (labels jsonb_path_ops);
/* [jooq ignore stop] */

CREATE TABLE sessions (
  id VARCHAR(64) NOT NULL PRIMARY KEY,
  org VARCHAR(64) NOT NULL,
  slug VARCHAR(63) NOT NULL,
  name TEXT,
  version BIGINT NOT NULL CHECK (version >= 1),
  labels JSONB NOT NULL,
  metadata JSONB NOT NULL,
  spec JSONB NOT NULL,
  status JSONB NOT NULL,
  agent_instance_id VARCHAR(64),
  created_at TIMESTAMPTZ NOT NULL,
  updated_at TIMESTAMPTZ NOT NULL,
  created_by TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  CONSTRAINT sessions_org_fkey FOREIGN KEY (org) REFERENCES organizations (id) ON DELETE RESTRICT,
  CONSTRAINT sessions_org_slug_key UNIQUE (org, slug),
  CONSTRAINT sessions_org_id_key UNIQUE (org, id),
  CONSTRAINT sessions_agent_instance_id_fkey FOREIGN KEY (org, agent_instance_id) REFERENCES agent_instances (org, id) ON DELETE RESTRICT
);
CREATE INDEX sessions_created_idx ON sessions (created_at, id);
CREATE INDEX sessions_org_created_idx ON sessions (org, created_at, id);
CREATE INDEX sessions_org_updated_idx ON sessions (org, updated_at, id);
CREATE INDEX sessions_agent_instance_id_idx ON sessions (agent_instance_id, created_at, id);
/* [jooq ignore start] */
CREATE INDEX sessions_labels_idx ON sessions USING gin (labels jsonb_path_ops);
/* [jooq ignore stop] */

CREATE TABLE skills (
  id VARCHAR(64) NOT NULL PRIMARY KEY,
  org VARCHAR(64) NOT NULL,
  slug VARCHAR(63) NOT NULL,
  name TEXT,
  version BIGINT NOT NULL CHECK (version >= 1),
  labels JSONB NOT NULL,
  metadata JSONB NOT NULL,
  spec JSONB NOT NULL,
  status JSONB NOT NULL,
  created_at TIMESTAMPTZ NOT NULL,
  updated_at TIMESTAMPTZ NOT NULL,
  created_by TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  CONSTRAINT skills_org_fkey FOREIGN KEY (org) REFERENCES organizations (id) ON DELETE RESTRICT,
  CONSTRAINT skills_org_slug_key UNIQUE (org, slug),
  CONSTRAINT skills_org_id_key UNIQUE (org, id)
);
CREATE INDEX skills_created_idx ON skills (created_at, id);
CREATE INDEX skills_org_created_idx ON skills (org, created_at, id);
CREATE INDEX skills_org_updated_idx ON skills (org, updated_at, id);
/* [jooq ignore start] */
CREATE INDEX skills_labels_idx ON skills USING gin (labels jsonb_path_ops);
/* [jooq ignore stop] */

CREATE TABLE mcp_servers (
  id VARCHAR(64) NOT NULL PRIMARY KEY,
  org VARCHAR(64) NOT NULL,
  slug VARCHAR(63) NOT NULL,
  name TEXT,
  version BIGINT NOT NULL CHECK (version >= 1),
  labels JSONB NOT NULL,
  metadata JSONB NOT NULL,
  spec JSONB NOT NULL,
  status JSONB NOT NULL,
  created_at TIMESTAMPTZ NOT NULL,
  updated_at TIMESTAMPTZ NOT NULL,
  created_by TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  CONSTRAINT mcp_servers_org_fkey FOREIGN KEY (org) REFERENCES organizations (id) ON DELETE RESTRICT,
  CONSTRAINT mcp_servers_org_slug_key UNIQUE (org, slug),
  CONSTRAINT mcp_servers_org_id_key UNIQUE (org, id)
);
CREATE INDEX mcp_servers_created_idx ON mcp_servers (created_at, id);
CREATE INDEX mcp_servers_org_created_idx ON mcp_servers (org, created_at, id);
CREATE INDEX mcp_servers_org_updated_idx ON mcp_servers (org, updated_at, id);
/* [jooq ignore start] */
CREATE INDEX mcp_servers_labels_idx ON mcp_servers USING gin (labels jsonb_path_ops);
/* [jooq ignore stop] */

CREATE TABLE environments (
  id VARCHAR(64) NOT NULL PRIMARY KEY,
  org VARCHAR(64) NOT NULL,
  slug VARCHAR(63) NOT NULL,
  name TEXT,
  version BIGINT NOT NULL CHECK (version >= 1),
  labels JSONB NOT NULL,
  metadata JSONB NOT NULL,
  spec JSONB NOT NULL,
  status JSONB NOT NULL,
  created_at TIMESTAMPTZ NOT NULL,
  updated_at TIMESTAMPTZ NOT NULL,
  created_by TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  CONSTRAINT environments_org_fkey FOREIGN KEY (org) REFERENCES organizations (id) ON DELETE RESTRICT,
  CONSTRAINT environments_org_slug_key UNIQUE (org, slug),
  CONSTRAINT environments_org_id_key UNIQUE (org, id)
);
CREATE INDEX environments_created_idx ON environments (created_at, id);
CREATE INDEX environments_org_created_idx ON environments (org, created_at, id);
CREATE INDEX environments_org_updated_idx ON environments (org, updated_at, id);
/* [jooq ignore start] */
CREATE INDEX environments_labels_idx ON environments USING gin (labels jsonb_path_ops);
/* [jooq ignore stop] */

CREATE TABLE agent_executions (
  id VARCHAR(64) NOT NULL PRIMARY KEY,
  org VARCHAR(64) NOT NULL,
  slug VARCHAR(63) NOT NULL,
  name TEXT,
  version BIGINT NOT NULL CHECK (version >= 1),
  labels JSONB NOT NULL,
  metadata JSONB NOT NULL,
  spec JSONB NOT NULL,
  status JSONB NOT NULL,
  phase VARCHAR(16) NOT NULL CHECK (phase IN ('PENDING', 'IN_PROGRESS', 'COMPLETED', 'FAILED', 'CANCELLED')),
  session_id VARCHAR(64),
  agent_id VARCHAR(64),
  created_at TIMESTAMPTZ NOT NULL,
  updated_at TIMESTAMPTZ NOT NULL,
  created_by TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  CONSTRAINT agent_executions_org_fkey FOREIGN KEY (org) REFERENCES organizations (id) ON DELETE RESTRICT,
  CONSTRAINT agent_executions_org_slug_key UNIQUE (org, slug),
  CONSTRAINT agent_executions_org_id_key UNIQUE (org, id),
  CONSTRAINT agent_executions_session_id_fkey FOREIGN KEY (org, session_id) REFERENCES sessions (org, id) ON DELETE RESTRICT
);
CREATE INDEX agent_executions_created_idx ON agent_executions (created_at, id);
CREATE INDEX agent_executions_org_created_idx ON agent_executions (org, created_at, id);
CREATE INDEX agent_executions_org_updated_idx ON agent_executions (org, updated_at, id);
CREATE INDEX agent_executions_org_phase_created_idx ON agent_executions (org, phase, created_at, id);
CREATE INDEX agent_executions_session_id_idx ON agent_executions (session_id, created_at, id);
CREATE INDEX agent_executions_agent_id_idx ON agent_executions (agent_id, created_at, id);
/* [jooq ignore start] */
CREATE INDEX agent_executions_labels_idx ON agent_executions USING gin (labels jsonb_path_ops);
/* [jooq ignore stop] */

CREATE TABLE workflow_executions (
  id VARCHAR(64) NOT NULL PRIMARY KEY,
  org VARCHAR(64) NOT NULL,
  slug VARCHAR(63) NOT NULL,
  name TEXT,
  version BIGINT NOT NULL CHECK (version >= 1),
  labels JSONB NOT NULL,
  metadata JSONB NOT NULL,
  spec JSONB NOT NULL,
  status JSONB NOT NULL,
  phase VARCHAR(16) NOT NULL CHECK (phase IN ('PENDING', 'IN_PROGRESS', 'COMPLETED', 'FAILED', 'CANCELLED')),
  workflow_instance_id VARCHAR(64),
  workflow_id VARCHAR(64),
  created_at TIMESTAMPTZ NOT NULL,
  updated_at TIMESTAMPTZ NOT NULL,
  created_by TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  CONSTRAINT workflow_executions_org_fkey FOREIGN KEY (org) REFERENCES organizations (id) ON DELETE RESTRICT,
  CONSTRAINT workflow_executions_org_slug_key UNIQUE (org, slug),
  CONSTRAINT workflow_executions_org_id_key UNIQUE (org, id),
  CONSTRAINT workflow_executions_workflow_instance_id_fkey FOREIGN KEY (org, workflow_instance_id) REFERENCES workflow_instances (org, id) ON DELETE RESTRICT
);
CREATE INDEX workflow_executions_created_idx ON workflow_executions (created_at, id);
CREATE INDEX workflow_executions_org_created_idx ON workflow_executions (org, created_at, id);
CREATE INDEX workflow_executions_org_updated_idx ON workflow_executions (org, updated_at, id);
CREATE INDEX workflow_executions_org_phase_created_idx ON workflow_executions (org, phase, created_at, id);
CREATE INDEX workflow_executions_workflow_instance_id_idx ON workflow_executions (workflow_instance_id, created_at, id);
CREATE INDEX workflow_executions_workflow_id_idx ON workflow_executions (workflow_id, created_at, id);
/* [jooq ignore start] */
CREATE INDEX workflow_executions_labels_idx ON workflow_executions USING gin (labels jsonb_path_ops);
/* [jooq ignore stop] */

CREATE TABLE execution_contexts (
  id VARCHAR(64) NOT NULL PRIMARY KEY,
  org VARCHAR(64) NOT NULL,
  slug VARCHAR(63) NOT NULL,
  name TEXT,
  version BIGINT NOT NULL CHECK (version >= 1),
  labels JSONB NOT NULL,
  metadata JSONB NOT NULL,
  spec JSONB NOT NULL,
  status JSONB NOT NULL,
  execution_id VARCHAR(64),
  agent_execution_id VARCHAR(64),
  workflow_execution_id VARCHAR(64),
  created_at TIMESTAMPTZ NOT NULL,
  updated_at TIMESTAMPTZ NOT NULL,
  created_by TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  CONSTRAINT execution_contexts_org_fkey FOREIGN KEY (org) REFERENCES organizations (id) ON DELETE RESTRICT,
  CONSTRAINT execution_contexts_org_slug_key UNIQUE (org, slug),
  CONSTRAINT execution_contexts_org_id_key UNIQUE (org, id),
  CONSTRAINT execution_contexts_agent_execution_id_fkey FOREIGN KEY (org, agent_execution_id) REFERENCES agent_executions (org, id) ON DELETE CASCADE,
  CONSTRAINT execution_contexts_workflow_execution_id_fkey FOREIGN KEY (org, workflow_execution_id) REFERENCES workflow_executions (org, id) ON DELETE CASCADE,
  CONSTRAINT execution_contexts_one_execution CHECK (agent_execution_id IS NULL OR workflow_execution_id IS NULL)
);
CREATE INDEX execution_contexts_created_idx ON execution_contexts (created_at, id);
CREATE INDEX execution_contexts_org_created_idx ON execution_contexts (org, created_at, id);
CREATE INDEX execution_contexts_org_updated_idx ON execution_contexts (org, updated_at, id);
CREATE INDEX execution_contexts_execution_id_idx ON execution_contexts (execution_id, created_at, id);
CREATE INDEX execution_contexts_agent_execution_id_idx ON execution_contexts (agent_execution_id, created_at, id);
CREATE INDEX execution_contexts_workflow_execution_id_idx ON execution_contexts (workflow_execution_id, created_at, id);
/* [jooq ignore start] */
CREATE INDEX execution_contexts_labels_idx ON execution_contexts USING gin (labels jsonb_path_ops);
/* [jooq ignore stop] */

-- Appendable history of agent_executions: one row per element, so an append costs the same however
-- long the history already is.
CREATE TABLE agent_execution_items (
  execution_id VARCHAR(64) NOT NULL,
  collection VARCHAR(32) NOT NULL CHECK (collection IN ('messages', 'toolCalls')),
  seq BIGINT NOT NULL CHECK (seq >= 1),
  item_key VARCHAR(255),
  body JSONB NOT NULL,
  CONSTRAINT agent_execution_items_pkey PRIMARY KEY (execution_id, collection, seq),
  CONSTRAINT agent_execution_items_key UNIQUE (execution_id, collection, item_key),
  CONSTRAINT agent_execution_items_execution_fkey FOREIGN KEY (execution_id) REFERENCES agent_executions (id) ON DELETE CASCADE
);

-- Appendable history of workflow_executions: one row per element, so an append costs the same however
-- long the history already is.
CREATE TABLE workflow_execution_items (
  execution_id VARCHAR(64) NOT NULL,
  collection VARCHAR(32) NOT NULL CHECK (collection IN ('tasks')),
  seq BIGINT NOT NULL CHECK (seq >= 1),
  item_key VARCHAR(255),
  body JSONB NOT NULL,
  CONSTRAINT workflow_execution_items_pkey PRIMARY KEY (execution_id, collection, seq),
  CONSTRAINT workflow_execution_items_key UNIQUE (execution_id, collection, item_key),
  CONSTRAINT workflow_execution_items_execution_fkey FOREIGN KEY (execution_id) REFERENCES workflow_executions (id) ON DELETE CASCADE
);

-- Version history of every resource (DESIGN section 6). seq is the store-wide change sequence;
-- writers take a transaction-scoped lock right before their history insert at commit (see
-- PostgresDialect), so sequence numbers become visible in order and no reader skips one.
CREATE TABLE api_resource_versions (
  seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  id VARCHAR(64) NOT NULL,
  kind VARCHAR(32) NOT NULL,
  resource_id VARCHAR(64) NOT NULL,
  org VARCHAR(64) NOT NULL,
  resource_version BIGINT NOT NULL,
  event VARCHAR(16) NOT NULL CHECK (event IN ('CREATED', 'UPDATED', 'STATUS_UPDATED', 'APPENDED', 'DELETED')),
  snapshot JSONB NOT NULL,
  actor TEXT NOT NULL,
  message TEXT,
  created_at TIMESTAMPTZ NOT NULL,
  CONSTRAINT api_resource_versions_id_key UNIQUE (id)
);
CREATE INDEX api_resource_versions_resource_idx ON api_resource_versions (resource_id, resource_version);
CREATE INDEX api_resource_versions_created_idx ON api_resource_versions (created_at);
CREATE INDEX api_resource_versions_org_seq_idx ON api_resource_versions (org, seq);

-- Store-wide settings (e.g. the page-token key).
CREATE TABLE store_settings (
  name VARCHAR(64) NOT NULL PRIMARY KEY,
  value TEXT NOT NULL
);
