#!/usr/bin/env bash
# The local Prometheus (supervisor program `prometheus`, started by `make up`; ADR 0023):
# renders .run/prometheus/prometheus.yml from ansinh_common.telemetry.scrape.LOCAL_TARGETS
# (every program's metrics port) with the alerting rules of infra/prometheus/alerts.yml, then
# runs Debian's prometheus on http://127.0.0.1:59090 with its data under .run/prometheus/data.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
RUN="$ROOT/.run/prometheus"
mkdir -p "$RUN/data"
"$ROOT/.venv/bin/python" -m ansinh_common.telemetry.scrape --out "$RUN/prometheus.yml"
/usr/bin/promtool check config "$RUN/prometheus.yml" >/dev/null
exec /usr/bin/prometheus \
  --config.file="$RUN/prometheus.yml" \
  --storage.tsdb.path="$RUN/data" \
  --storage.tsdb.retention.time=7d \
  --web.listen-address=127.0.0.1:59090 \
  --web.enable-lifecycle
