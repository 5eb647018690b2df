#!/usr/bin/env bash
# Build the web application (web/, ADR 0024) when needed; the gateway serves web/dist at /app/.
#   infra/web.sh build    npm ci (when package-lock.json changed) + npm run build (when sources changed)
#   infra/web.sh check    tsc --noEmit + the API client is generated from docs/api/openapi.json
# Dependencies come only from the npm registry through package-lock.json (npm ci); browsers are
# never downloaded (Debian's chromium is used by the browser tests).
set -euo pipefail

WEB="$(cd "$(dirname "${BASH_SOURCE[0]}")/../web" && pwd)"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
log() { printf '[web] %s\n' "$*"; }

deps() {
  local stamp="$WEB/node_modules/.ansinh-lock"
  if [[ -f "$stamp" ]] && cmp -s "$stamp" "$WEB/package-lock.json"; then
    return 0
  fi
  log "npm ci"
  (cd "$WEB" && npm ci --no-audit --no-fund --loglevel=error)
  cp "$WEB/package-lock.json" "$stamp"
}

build() {
  deps
  local newest
  newest="$(find "$WEB/src" "$WEB/index.html" "$WEB/package-lock.json" "$WEB/vite.config.ts" \
    -newer "$WEB/dist/index.html" -print -quit 2>/dev/null || true)"
  if [[ -f "$WEB/dist/index.html" && -z "$newest" ]]; then
    log "web/dist is up to date"
    return 0
  fi
  log "npm run build"
  (cd "$WEB" && npm run --silent build)
}

check() {
  deps
  (cd "$WEB" && npx tsc --noEmit && npm run --silent api:check)
}

case "${1:-build}" in
  build) build ;;
  check) check ;;
  *) echo "usage: infra/web.sh build|check" >&2; exit 2 ;;
esac
