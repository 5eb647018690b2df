#!/usr/bin/env bash
# Migrations of the registry (run by `make migrate`): creates the missing databases, then
# `alembic upgrade head` on every shard (registry_s1..s3 in development: records, history,
# derived tables, outbox/inbox) and on registry_global (the national index of active records,
# its own schema). Databases from registry.config.RegistrySettings (ANSINH_SHARDS /
# ANSINH_GLOBAL_DB_URL override them).
#   services/registry/migrate.sh                  upgrade head everywhere
#   services/registry/migrate.sh check            fail if a database differs from the ORM tables
#   services/registry/migrate.sh --only s2 current
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
exec "$ROOT/.venv/bin/python" -m ansinh_common.runtime.migrate --settings registry.config:RegistrySettings \
  --config "$ROOT/services/registry/alembic.ini" \
  --global-config "$ROOT/services/registry/src/registry/migrations/global/alembic.ini" "$@"
