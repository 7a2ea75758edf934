#!/usr/bin/env bash
# Starts a throwaway PostgreSQL 15 server from Debian's packages for the TCK, and prints the
# AGENTSTORE_PG_URL to run the backend-postgres tests against it:
#
#   export AGENTSTORE_PG_URL="$(bash backend-postgres/ci/start-debian-postgres.sh)"
#   mvn -B verify -pl backend-postgres -am
#
# Installs postgresql-15 with apt-get when absent, creates (or reuses) a cluster named
# "agentstore" on a free port (5433 or the next free one; AGENTSTORE_PG_PORT overrides), starts it
# as the postgres user (safe when this script runs as root), and gives a superuser role
# "agentstore" a fresh random password. Everything but the URL goes to stderr.
# The cluster is for tests only: fsync is off.
set -euo pipefail

VERSION=15
CLUSTER=agentstore
ROLE=agentstore
log() { echo "start-debian-postgres: $*" >&2; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo -n "$@"; fi
}

port_free() {
  ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

if [ ! -x "/usr/lib/postgresql/$VERSION/bin/postgres" ]; then
  log "installing postgresql-$VERSION"
  as_root apt-get update -qq >&2
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "postgresql-$VERSION" >&2
fi

if pg_lsclusters -h "$VERSION" "$CLUSTER" >/dev/null 2>&1 \
    && [ -n "$(pg_lsclusters -h "$VERSION" "$CLUSTER" 2>/dev/null)" ]; then
  PORT="$(pg_lsclusters -h "$VERSION" "$CLUSTER" | awk '{print $3}')"
  log "reusing cluster $VERSION/$CLUSTER on port $PORT"
else
  PORT="${AGENTSTORE_PG_PORT:-5433}"
  while ! port_free "$PORT"; do PORT=$((PORT + 1)); done
  log "creating cluster $VERSION/$CLUSTER on port $PORT"
  as_root pg_createcluster "$VERSION" "$CLUSTER" --port "$PORT" --start-conf manual \
    -- --auth-local=peer --auth-host=scram-sha-256 >&2
  # Debian's postgresql.conf includes conf.d/; test-only settings (no fsync) live there.
  as_root tee "/etc/postgresql/$VERSION/$CLUSTER/conf.d/agentstore-tests.conf" >/dev/null <<'CONF'
listen_addresses = '127.0.0.1'
max_connections = 200
fsync = off
synchronous_commit = off
full_page_writes = off
CONF
fi

STATUS="$(pg_lsclusters -h "$VERSION" "$CLUSTER" | awk '{print $4}')"
if [ "$STATUS" != "online" ]; then
  log "starting cluster $VERSION/$CLUSTER"
  as_root pg_ctlcluster "$VERSION" "$CLUSTER" start >&2
fi
for _ in $(seq 1 60); do
  if pg_isready -q -h 127.0.0.1 -p "$PORT"; then break; fi
  sleep 0.5
done
pg_isready -q -h 127.0.0.1 -p "$PORT" || { log "server on port $PORT did not become ready"; exit 1; }

PASSWORD="$(head -c 18 /dev/urandom | od -An -tx1 | tr -d ' \n')"
as_root runuser -u postgres -- psql -q -v ON_ERROR_STOP=1 -p "$PORT" -d postgres >&2 <<SQL
DO \$\$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$ROLE') THEN
    CREATE ROLE $ROLE LOGIN SUPERUSER;
  END IF;
END
\$\$;
ALTER ROLE $ROLE WITH LOGIN SUPERUSER PASSWORD '$PASSWORD';
SQL

log "PostgreSQL $(runuser -u postgres -- psql -tA -p "$PORT" -d postgres -c 'SHOW server_version' 2>/dev/null || echo "$VERSION") ready on 127.0.0.1:$PORT"
echo "jdbc:postgresql://127.0.0.1:$PORT/postgres?user=$ROLE&password=$PASSWORD"
