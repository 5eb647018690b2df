#!/usr/bin/env bash
# Migrations of the payment service (run by `make migrate`): creates the missing databases, then
# `alembic upgrade head` on every shard (payment_s1..s3 in development) and on payment_global.
# Databases from payment.config.PaymentSettings (ANSINH_SHARDS / ANSINH_GLOBAL_DB_URL override them).
#   services/payment/migrate.sh                 upgrade head everywhere
#   services/payment/migrate.sh --only s2 current
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
exec "$ROOT/.venv/bin/python" -m ansinh_common.runtime.migrate --settings payment.config:PaymentSettings \
  --config "$ROOT/services/payment/alembic.ini" "$@"
