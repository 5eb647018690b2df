#!/usr/bin/env bash
# Migrations of the identity service: one database, identity_global (the audit of account
# actions; accounts themselves live in Keycloak, nothing is per province). Created if missing.
# Run by `make migrate`; ANSINH_GLOBAL_DB_URL overrides the development default.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
exec "$ROOT/.venv/bin/python" -m ansinh_common.runtime.migrate \
  --settings identity.config:IdentitySettings \
  --config "$ROOT/services/identity/src/identity/migrations/alembic.ini" "$@"
