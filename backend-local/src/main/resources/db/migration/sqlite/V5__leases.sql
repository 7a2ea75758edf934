-- Leases for work claiming (repo.claim / renew / release): at most one row per resource, naming
-- who holds it and until when. A lease is coordination state, not part of the resource: it has
-- no version and no history. A row whose expires_at has passed is no lease at all; the next
-- claimer overwrites it (INSERT ... ON CONFLICT DO UPDATE ... WHERE expired), which is what makes
-- two claimers of one resource end with one winner. The store deletes a resource's lease with
-- the resource. Times are microseconds since the epoch, like every other time column here.
CREATE TABLE resource_leases (
  resource_id VARCHAR(64) NOT NULL PRIMARY KEY,
  kind VARCHAR(64) NOT NULL,
  org VARCHAR(64) NOT NULL,
  owner VARCHAR(200) NOT NULL,
  claimed_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  CONSTRAINT resource_leases_expiry_after_claim CHECK (expires_at > claimed_at)
);
CREATE INDEX resource_leases_owner_idx ON resource_leases (org, owner, expires_at);
