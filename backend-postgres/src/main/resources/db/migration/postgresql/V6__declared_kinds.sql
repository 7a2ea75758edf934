-- Application-defined kinds (KindDefinition). One row per declared kind holds its current
-- definition (canonical JSON text, kept as written so equal definitions compare equal) and
-- version; every applied change is logged with its version. Each kind's own table
-- (ck_<idPrefix>), key columns, unique keys, checks and indexes are created by the store when a
-- definition is applied (SqlBackend.declareKinds), not here. History rows name declared kinds by
-- group/Kind, up to 64 characters.
CREATE TABLE kind_definitions (
  name VARCHAR(64) NOT NULL PRIMARY KEY,
  id_prefix VARCHAR(8) NOT NULL,
  version BIGINT NOT NULL CHECK (version >= 1),
  definition TEXT NOT NULL,
  declared_seq BIGINT NOT NULL,
  updated_at TIMESTAMPTZ NOT NULL,
  CONSTRAINT kind_definitions_id_prefix_key UNIQUE (id_prefix)
);

CREATE TABLE kind_definition_changes (
  name VARCHAR(64) NOT NULL,
  version BIGINT NOT NULL,
  definition TEXT NOT NULL,
  applied_at TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (name, version)
);

ALTER TABLE api_resource_versions ALTER COLUMN kind TYPE VARCHAR(64);
