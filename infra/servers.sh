#!/usr/bin/env bash
# Start, stop and inspect the project's real servers (PostgreSQL, Redis, Kafka, Keycloak) and,
# for `make up`, the application programs — all under one supervisord (.run/supervisor/).
#
#   infra/servers.sh up          start the four servers (reuses what already runs), wait healthy
#   infra/servers.sh apps        start the "apps" group (infra/supervisor/apps/*.conf), wait
#   infra/servers.sh down        stop everything (supervisord shutdown)
#   infra/servers.sh status      supervisor status and a health line per server
#   infra/servers.sh running     exit status 0 if supervisord runs (no output)
#   infra/servers.sh ctl ARGS    supervisorctl with the project's configuration
#
# Data lives in .run/ (wiped by `make reset`), downloads in .tools/ (kept).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=infra/versions.env
source "$ROOT/infra/versions.env"
RUN="$ROOT/.run"
VENV="$ROOT/.venv"
KAFKA_HOME="$ROOT/.tools/kafka-$KAFKA_VERSION"
KEYCLOAK_HOME="$ROOT/.tools/keycloak-$KEYCLOAK_VERSION"
SUPERVISOR_CONF="$RUN/supervisor/supervisord.conf"
PG_BIN=/usr/lib/postgresql/15/bin
PG_PORT=55432
REDIS_PORT=56379
KAFKA_BOOTSTRAP=127.0.0.1:59092
KEYCLOAK_URL=http://127.0.0.1:58080
KEYCLOAK_HEALTH=http://127.0.0.1:58090/health/ready

log() { printf '[servers] %s\n' "$*"; }
die() { printf '[servers] ERROR: %s\n' "$*" >&2; exit 1; }

ctl() { "$VENV/bin/supervisorctl" -c "$SUPERVISOR_CONF" "$@"; }

supervisord_running() {
  [[ -S "$RUN/supervisor/supervisor.sock" ]] && ctl pid >/dev/null 2>&1
}

# --- health probes (each returns 0 when the server answers) ---------------------------------
probe_postgres() { "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" -d postgres; }
probe_redis() { [[ "$(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null)" == PONG ]]; }
probe_kafka() {
  "$VENV/bin/python" - "$KAFKA_BOOTSTRAP" >/dev/null 2>&1 <<'PY'
import sys
from confluent_kafka.admin import AdminClient
admin = AdminClient({"bootstrap.servers": sys.argv[1], "log_level": 0})
sys.exit(0 if admin.list_topics(timeout=3).brokers else 1)
PY
}
probe_keycloak() {
  curl -fs -o /dev/null --max-time 3 "$KEYCLOAK_HEALTH" &&
    curl -fs -o /dev/null --max-time 3 "$KEYCLOAK_URL/realms/ansinh/.well-known/openid-configuration"
}

wait_healthy() { # name timeout_seconds
  local name=$1 timeout=$2 start=$SECONDS
  until "probe_$name"; do
    local state
    state="$(ctl status "servers:$name" 2>/dev/null | awk '{print $2}')" || true
    if [[ "$state" == FATAL || "$state" == EXITED || "$state" == STOPPED ]] ||
      ((SECONDS - start > timeout)); then
      printf '[servers] ERROR: %s is not healthy after %ss (supervisor state: %s). Last log lines of %s:\n' \
        "$name" "$((SECONDS - start))" "${state:-?}" "$RUN/logs/$name.log" >&2
      tail -n 40 "$RUN/logs/$name.log" >&2 2>/dev/null || true
      exit 1
    fi
    sleep 1
  done
  log "$name healthy ($((SECONDS - start))s)"
}

# --- one-time preparation of each server's data ----------------------------------------------
prepare_dirs() {
  mkdir -p "$RUN"/{logs,supervisor,pg/conf,redis,kafka,keycloak/data/import}
  chmod 755 "$RUN"
  # PostgreSQL runs as user postgres: it must be able to traverse every parent folder (a clone
  # under /root is mode 700) — add only the search bit (o+x) where it is missing.
  local dir="$RUN"
  while [[ "$dir" != / ]]; do
    runuser -u postgres -- test -x "$dir" || chmod o+x "$dir"
    dir="$(dirname "$dir")"
  done
  # its configuration is copied next to the data so it stays readable whatever the umask
  cp "$ROOT/infra/postgres/postgresql.conf" "$ROOT/infra/postgres/pg_hba.conf" "$RUN/pg/conf/"
  chown -R postgres:postgres "$RUN/pg/conf"
  chown postgres:postgres "$RUN/pg"
}

prepare_postgres() {
  if [[ ! -f "$RUN/pg/data/PG_VERSION" ]]; then
    log "initdb $RUN/pg/data"
    rm -rf "$RUN/pg/data"
    mkdir -p "$RUN/pg/socket"
    chown postgres:postgres "$RUN/pg/socket"
    (cd "$RUN/pg" && runuser -u postgres -- "$PG_BIN/initdb" -D "$RUN/pg/data" -U postgres \
      -E UTF8 --locale=C.UTF-8 --auth-local=trust --auth-host=scram-sha-256 >"$RUN/logs/initdb.log")
  fi
  mkdir -p "$RUN/pg/socket"
  chown postgres:postgres "$RUN/pg/socket"
}

ensure_pg_role() {
  "$PG_BIN/psql" -q -h "$RUN/pg/socket" -p "$PG_PORT" -U postgres -d postgres \
    -v ON_ERROR_STOP=1 >/dev/null <<'SQL'
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'ansinh') THEN
    CREATE ROLE ansinh LOGIN SUPERUSER CREATEDB PASSWORD 'ansinh';
  END IF;
END $$;
SQL
}

prepare_kafka() {
  {
    cat "$ROOT/infra/kafka/server.properties"
    printf '\n# added by infra/servers.sh\nlog.dirs=%s\n' "$RUN/kafka/data"
  } >"$RUN/kafka/server.properties"
  if [[ ! -f "$RUN/kafka/data/meta.properties" ]]; then
    [[ -f "$RUN/kafka/cluster.id" ]] ||
      python3 -c 'import base64, uuid; print(base64.urlsafe_b64encode(uuid.uuid4().bytes).decode().rstrip("="))' \
        >"$RUN/kafka/cluster.id"
    log "formatting Kafka storage (cluster id $(cat "$RUN/kafka/cluster.id"))"
    java -Xmx256m -Dlog4j2.configurationFile="$ROOT/infra/kafka/log4j2.xml" -cp "$KAFKA_HOME/libs/*" \
      kafka.tools.StorageTool format --ignore-formatted --cluster-id="$(cat "$RUN/kafka/cluster.id")" \
      -c "$RUN/kafka/server.properties" >"$RUN/logs/kafka-format.log" 2>&1 ||
      { tail -n 20 "$RUN/logs/kafka-format.log" >&2; die "Kafka storage format failed"; }
  fi
}

prepare_keycloak() {
  # Keycloak keeps its dev-file database and the realm import folder in <home>/data; point that
  # at .run/keycloak/data so `make reset` wipes it while the (large) distribution stays in .tools.
  if [[ -d "$KEYCLOAK_HOME/data" && ! -L "$KEYCLOAK_HOME/data" ]]; then
    rm -rf "$KEYCLOAK_HOME/data"
  fi
  ln -sfn "$RUN/keycloak/data" "$KEYCLOAK_HOME/data"
  rm -f "$RUN/keycloak/data/import/"*.json
  cp "$ROOT"/infra/keycloak/*.json "$RUN/keycloak/data/import/"
}

render_supervisor() {
  "$VENV/bin/python" "$ROOT/infra/supervisor/render.py" ROOT="$ROOT" RUN="$RUN" VENV="$VENV" \
    KAFKA_HOME="$KAFKA_HOME" KEYCLOAK_HOME="$KEYCLOAK_HOME"
}

start_supervisord() {
  if supervisord_running; then
    ctl reread >/dev/null
    ctl update >/dev/null
  else
    rm -f "$RUN/supervisor/supervisor.sock"
    "$VENV/bin/supervisord" -c "$SUPERVISOR_CONF" 9>&-  # fd 9 holds our lock: not for the daemon
    local i
    for i in $(seq 1 50); do supervisord_running && break; sleep 0.2; done
    supervisord_running || die "supervisord did not start; see $RUN/logs/supervisord.log"
  fi
}

start_group_members() { # group name...
  local group=$1 name state
  shift
  for name in "$@"; do
    state="$(ctl status "$group:$name" 2>/dev/null | awk '{print $2}')" || true
    case "$state" in
      RUNNING | STARTING) ;;
      *) ctl start "$group:$name" >/dev/null 2>&1 & ;;
    esac
  done
}

ensure_installed() {
  local steps=()
  if [[ ! -x "$PG_BIN/postgres" ]] || ! command -v redis-server >/dev/null ||
    ! command -v java >/dev/null || ! command -v mvn >/dev/null || ! command -v unzip >/dev/null ||
    ! command -v prometheus >/dev/null; then
    steps+=(system)
  fi
  [[ -f "$KAFKA_HOME/.complete" && -f "$KEYCLOAK_HOME/.complete" ]] || steps+=(tools)
  [[ -x "$VENV/bin/supervisord" ]] || steps+=(python)
  if ((${#steps[@]})); then
    "$ROOT/infra/install.sh" "${steps[@]}"
  fi
}

cmd_up() {
  local t0=$SECONDS
  ensure_installed
  prepare_dirs
  supervisord_running || rm -f "$RUN"/READY-* # stale after a crash; kept while servers run
  prepare_postgres
  prepare_kafka
  prepare_keycloak
  render_supervisor
  start_supervisord
  start_group_members servers postgres redis kafka keycloak
  wait_healthy postgres 60
  ensure_pg_role
  wait_healthy redis 30
  echo "postgres 127.0.0.1:$PG_PORT redis 127.0.0.1:$REDIS_PORT" >"$RUN/READY-pg-redis"
  wait_healthy kafka 120
  echo "kafka $KAFKA_BOOTSTRAP" >"$RUN/READY-kafka"
  wait_healthy keycloak 240
  echo "keycloak $KEYCLOAK_URL" >"$RUN/READY-keycloak"
  wait # background `supervisorctl start` calls
  log "all servers healthy in $((SECONDS - t0))s (logs: $RUN/logs/)"
}

cmd_apps() {
  supervisord_running || die "servers are not running: run infra/servers.sh up first"
  render_supervisor
  ctl reread >/dev/null
  ctl update >/dev/null
  local names
  mapfile -t names < <(ctl status 'apps:*' 2>/dev/null | awk '{print $1}' | sed -n 's/^apps://p')
  if ((${#names[@]} == 0)); then
    log "no application programs in infra/supervisor/apps/"
    return 0
  fi
  start_group_members apps "${names[@]}"
  wait
  local name state
  for name in "${names[@]}"; do
    state="$(ctl status "apps:$name" | awk '{print $2}')" || true
    if [[ "$state" != RUNNING ]]; then
      printf '[servers] ERROR: apps:%s is %s. Last log lines:\n' "$name" "$state" >&2
      tail -n 30 "$RUN/logs/$name.log" >&2 2>/dev/null || true
      exit 1
    fi
  done
  log "apps running: ${names[*]}"
}

cmd_down() {
  rm -f "$RUN"/READY-*
  if ! supervisord_running; then
    log "not running"
    return 0
  fi
  local pid
  pid="$(ctl pid)"
  ctl shutdown >/dev/null
  local i
  for i in $(seq 1 120); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  kill -0 "$pid" 2>/dev/null && die "supervisord (pid $pid) still running after 60s"
  log "stopped"
}

cmd_status() {
  if ! supervisord_running; then
    echo "supervisord: not running"
    return 3
  fi
  ctl status || true
  local name rc=0
  for name in postgres redis kafka keycloak; do
    if "probe_$name"; then echo "health $name: ok"; else echo "health $name: DOWN"; rc=1; fi
  done
  return $rc
}

lock() { # serialise concurrent up/apps/down (e.g. two `make test` at once)
  mkdir -p "$RUN"
  exec 9>"$RUN/.servers.lock"
  flock -w 600 9 || die "another infra/servers.sh holds $RUN/.servers.lock"
}

case "${1:-}" in
  up) lock; cmd_up ;;
  apps) lock; cmd_apps ;;
  down) lock; cmd_down ;;
  status) cmd_status ;;
  running) supervisord_running ;;
  ctl) shift; ctl "$@" ;;
  *) echo "usage: $0 up|apps|down|status|running|ctl ARGS" >&2; exit 2 ;;
esac
