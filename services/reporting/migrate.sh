#!/usr/bin/env bash
# Migrations of the reporting service (run by `make migrate`): creates the missing databases, then
# `alembic upgrade head` on every shard (reporting_s1..s3 in development) and on reporting_global.
# Databases from reporting.config.ReportingSettings (ANSINH_SHARDS / ANSINH_GLOBAL_DB_URL override them).
#   services/reporting/migrate.sh                 upgrade head everywhere
#   services/reporting/migrate.sh --only s2 current
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
exec "$ROOT/.venv/bin/python" -m ansinh_common.runtime.migrate --settings reporting.config:ReportingSettings \
  --config "$ROOT/services/reporting/alembic.ini" "$@"
