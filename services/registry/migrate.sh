#!/usr/bin/env bash
# Registry migrations, one command for every database: creates the missing databases
# (registry_s1..s3 and registry_global in development, or those of ANSINH_SHARDS /
# ANSINH_GLOBAL_DB_URL), then `alembic upgrade head` on every shard (shard schema) and on the
# global index database (its own schema).
#   services/registry/migrate.sh                  upgrade head everywhere
#   services/registry/migrate.sh check            fail if a database differs from the ORM tables
#   services/registry/migrate.sh --only s2 current
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
exec "$ROOT/.venv/bin/python" -m registry.entrypoints.migrate "$@"
