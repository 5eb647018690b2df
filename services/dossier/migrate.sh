#!/usr/bin/env bash
# Migrations of the dossier service (run by `make migrate`): creates the missing databases, then
# `alembic upgrade head` on every shard (dossier_s1..s3 in development) and on dossier_global.
# Databases from dossier.config.DossierSettings (ANSINH_SHARDS / ANSINH_GLOBAL_DB_URL override them).
#   services/dossier/migrate.sh                 upgrade head everywhere
#   services/dossier/migrate.sh --only s2 current
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
exec "$ROOT/.venv/bin/python" -m ansinh_common.runtime.migrate --settings dossier.config:DossierSettings \
  --config "$ROOT/services/dossier/alembic.ini" "$@"
