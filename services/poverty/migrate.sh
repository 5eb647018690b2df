#!/usr/bin/env bash
# Migrations of the poverty service (run by `make migrate`): creates the missing databases, then
# `alembic upgrade head` on every shard (poverty_s1..s3 in development) and on poverty_global.
# Databases from poverty.config.PovertySettings (ANSINH_SHARDS / ANSINH_GLOBAL_DB_URL override them).
#   services/poverty/migrate.sh                 upgrade head everywhere
#   services/poverty/migrate.sh --only s2 current
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
exec "$ROOT/.venv/bin/python" -m ansinh_common.runtime.migrate --settings poverty.config:PovertySettings \
  --config "$ROOT/services/poverty/alembic.ini" "$@"
