#!/usr/bin/env bash
# Migrations of the identity service: one database, identity_global (the audit of account
# actions; accounts themselves live in Keycloak). Created if missing. Run by `make migrate`.
#   ANSINH_GLOBAL_DB_URL  overrides the database (default: the local development server)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
PY="$ROOT/.venv/bin/python"
URL="${ANSINH_GLOBAL_DB_URL:-postgresql+psycopg://ansinh:ansinh@127.0.0.1:55432/identity_global}"
"$PY" -m identity.migrations.ensure_database "$URL"
ANSINH_SHARDS='{}' ANSINH_GLOBAL_DB_URL="$URL" "$PY" -m ansinh_common.migrations \
  --config "$ROOT/services/identity/src/identity/migrations/alembic.ini" upgrade head
