-- agentstore schema for SQLite, version 2: every reference is checked by the database.
--
-- V1 left two scalar references unchecked (an AgentExecution's spec.agentId, a
-- WorkflowExecution's spec.workflowId) and had no way to check references held in lists (an
-- instance's spec.environmentRefs). The delete rules (README "Deletes"):
--   scalar references: RESTRICT (the referenced resource cannot be deleted while referenced);
--   list references: one row per (instance, environment) in a join table kept in step with the
--   spec by the store; RESTRICT towards the environment, CASCADE from the instance (the rows
--   are the instance's own, not resources).
-- Every reference is to a resource of the same org: the keys are (org, id).
--
-- SQLite cannot add a foreign key to an existing table without rebuilding it, and rebuilding
-- agent_executions / workflow_executions would (with foreign keys on) cascade-delete their
-- items and contexts. So the two scalar references are checked by triggers that fail exactly as
-- a foreign key does ('FOREIGN KEY constraint failed'); PostgreSQL's V2 adds real constraints.
-- A trigger checks a write that sets or changes the reference, as PostgreSQL's check does.

-- A store whose V1 rows already break a reference is refused here (PostgreSQL's constraints
-- refuse it too): fix or delete those rows with V1, then open again.
CREATE TEMP TABLE v2_dangling_references (
  agent_executions_agent_id INTEGER NOT NULL CHECK (agent_executions_agent_id = 0),
  workflow_executions_workflow_id INTEGER NOT NULL CHECK (workflow_executions_workflow_id = 0),
  instance_environment_refs INTEGER NOT NULL CHECK (instance_environment_refs = 0)
);
INSERT INTO v2_dangling_references SELECT
  (SELECT count(*) FROM agent_executions x WHERE x.agent_id IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM agents p WHERE p.org = x.org AND p.id = x.agent_id)),
  (SELECT count(*) FROM workflow_executions x WHERE x.workflow_id IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM workflows p WHERE p.org = x.org AND p.id = x.workflow_id)),
  (SELECT count(*) FROM (
      SELECT i.org AS org, r.value AS env FROM agent_instances i,
        json_each(CASE WHEN json_type(i.spec, '$.environmentRefs') = 'array'
          THEN json_extract(i.spec, '$.environmentRefs') ELSE '[]' END) r
      UNION ALL
      SELECT i.org, r.value FROM workflow_instances i,
        json_each(CASE WHEN json_type(i.spec, '$.environmentRefs') = 'array'
          THEN json_extract(i.spec, '$.environmentRefs') ELSE '[]' END) r) x
    WHERE NOT EXISTS (SELECT 1 FROM environments e WHERE e.org = x.org AND e.id = x.env));
DROP TABLE v2_dangling_references;

-- AgentExecution spec.agentId -> agents (org, id), ON DELETE RESTRICT.
CREATE TRIGGER agent_executions_agent_id_insert BEFORE INSERT ON agent_executions
WHEN NEW.agent_id IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM agents p WHERE p.org = NEW.org AND p.id = NEW.agent_id)
BEGIN
  SELECT RAISE(ABORT, 'FOREIGN KEY constraint failed');
END;
CREATE TRIGGER agent_executions_agent_id_update BEFORE UPDATE OF org, agent_id ON agent_executions
WHEN NEW.agent_id IS NOT NULL
  AND (NEW.agent_id IS NOT OLD.agent_id OR NEW.org IS NOT OLD.org)
  AND NOT EXISTS (SELECT 1 FROM agents p WHERE p.org = NEW.org AND p.id = NEW.agent_id)
BEGIN
  SELECT RAISE(ABORT, 'FOREIGN KEY constraint failed');
END;
CREATE TRIGGER agents_restrict_agent_executions BEFORE DELETE ON agents
WHEN EXISTS (SELECT 1 FROM agent_executions x WHERE x.agent_id = OLD.id AND x.org = OLD.org)
BEGIN
  SELECT RAISE(ABORT, 'FOREIGN KEY constraint failed');
END;

-- WorkflowExecution spec.workflowId -> workflows (org, id), ON DELETE RESTRICT.
CREATE TRIGGER workflow_executions_workflow_id_insert BEFORE INSERT ON workflow_executions
WHEN NEW.workflow_id IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM workflows p WHERE p.org = NEW.org AND p.id = NEW.workflow_id)
BEGIN
  SELECT RAISE(ABORT, 'FOREIGN KEY constraint failed');
END;
CREATE TRIGGER workflow_executions_workflow_id_update BEFORE UPDATE OF org, workflow_id
ON workflow_executions
WHEN NEW.workflow_id IS NOT NULL
  AND (NEW.workflow_id IS NOT OLD.workflow_id OR NEW.org IS NOT OLD.org)
  AND NOT EXISTS (SELECT 1 FROM workflows p WHERE p.org = NEW.org AND p.id = NEW.workflow_id)
BEGIN
  SELECT RAISE(ABORT, 'FOREIGN KEY constraint failed');
END;
CREATE TRIGGER workflows_restrict_workflow_executions BEFORE DELETE ON workflows
WHEN EXISTS (SELECT 1 FROM workflow_executions x WHERE x.workflow_id = OLD.id AND x.org = OLD.org)
BEGIN
  SELECT RAISE(ABORT, 'FOREIGN KEY constraint failed');
END;

-- AgentInstance / WorkflowInstance spec.environmentRefs: one row per referenced environment.
CREATE TABLE agent_instance_environments (
  org VARCHAR(64) NOT NULL,
  instance_id VARCHAR(64) NOT NULL,
  environment_id VARCHAR(64) NOT NULL,
  CONSTRAINT agent_instance_environments_pkey PRIMARY KEY (instance_id, environment_id),
  CONSTRAINT agent_instance_environments_instance_fkey FOREIGN KEY (org, instance_id) REFERENCES agent_instances (org, id) ON DELETE CASCADE,
  CONSTRAINT agent_instance_environments_environment_fkey FOREIGN KEY (org, environment_id) REFERENCES environments (org, id) ON DELETE RESTRICT
);
CREATE INDEX agent_instance_environments_environment_idx ON agent_instance_environments (environment_id);

CREATE TABLE workflow_instance_environments (
  org VARCHAR(64) NOT NULL,
  instance_id VARCHAR(64) NOT NULL,
  environment_id VARCHAR(64) NOT NULL,
  CONSTRAINT workflow_instance_environments_pkey PRIMARY KEY (instance_id, environment_id),
  CONSTRAINT workflow_instance_environments_instance_fkey FOREIGN KEY (org, instance_id) REFERENCES workflow_instances (org, id) ON DELETE CASCADE,
  CONSTRAINT workflow_instance_environments_environment_fkey FOREIGN KEY (org, environment_id) REFERENCES environments (org, id) ON DELETE RESTRICT
);
CREATE INDEX workflow_instance_environments_environment_idx ON workflow_instance_environments (environment_id);

INSERT OR IGNORE INTO agent_instance_environments (org, instance_id, environment_id)
SELECT i.org, i.id, r.value FROM agent_instances i, json_each(i.spec, '$.environmentRefs') r
WHERE json_type(i.spec, '$.environmentRefs') = 'array';
INSERT OR IGNORE INTO workflow_instance_environments (org, instance_id, environment_id)
SELECT i.org, i.id, r.value FROM workflow_instances i, json_each(i.spec, '$.environmentRefs') r
WHERE json_type(i.spec, '$.environmentRefs') = 'array';
