-- agentstore schema for PostgreSQL, version 2: every reference is checked by the database.
--
-- V1 left two scalar references unchecked (an AgentExecution's spec.agentId, a
-- WorkflowExecution's spec.workflowId) and had no way to check references held in lists (an
-- instance's spec.environmentRefs). The delete rules (README "Deletes"):
--   scalar references: RESTRICT (the referenced resource cannot be deleted while referenced);
--   list references: one row per (instance, environment) in a join table kept in step with the
--   spec by the store; RESTRICT towards the environment, CASCADE from the instance (the rows
--   are the instance's own, not resources).
-- Every reference is to a resource of the same org: the keys are (org, id).
-- A store whose V1 rows already break a reference is refused by these constraints: fix or
-- delete those rows with V1, then open again (SQLite's V2 refuses the same stores).

ALTER TABLE agent_executions ADD CONSTRAINT agent_executions_agent_id_fkey
  FOREIGN KEY (org, agent_id) REFERENCES agents (org, id) ON DELETE RESTRICT;
ALTER TABLE workflow_executions ADD CONSTRAINT workflow_executions_workflow_id_fkey
  FOREIGN KEY (org, workflow_id) REFERENCES workflows (org, id) ON DELETE RESTRICT;

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

-- The join rows of instances written by V1 (no-ops for the jOOQ model, hence the markers).
/* [jooq ignore start] */
INSERT INTO agent_instance_environments (org, instance_id, environment_id)
SELECT DISTINCT i.org, i.id, r.env FROM agent_instances i
CROSS JOIN LATERAL jsonb_array_elements_text(CASE WHEN jsonb_typeof(i.spec -> 'environmentRefs')
  = 'array' THEN i.spec -> 'environmentRefs' ELSE '[]'::jsonb END) AS r(env);
INSERT INTO workflow_instance_environments (org, instance_id, environment_id)
SELECT DISTINCT i.org, i.id, r.env FROM workflow_instances i
CROSS JOIN LATERAL jsonb_array_elements_text(CASE WHEN jsonb_typeof(i.spec -> 'environmentRefs')
  = 'array' THEN i.spec -> 'environmentRefs' ELSE '[]'::jsonb END) AS r(env);
/* [jooq ignore stop] */
