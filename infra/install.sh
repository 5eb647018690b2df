#!/usr/bin/env bash
# Install what the local stack needs, skipping whatever is already there (idempotent).
#   infra/install.sh [system] [tools] [python]     (no argument = all three)
#   system: Debian packages (java 17, maven, postgresql 15, redis, unzip, curl) — needs root
#   tools:  Kafka jars and Keycloak dist from Maven Central into .tools/ (kept across `make reset`)
#   python: uv sync --locked --all-packages into .venv
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=infra/versions.env
source "$ROOT/infra/versions.env"
TOOLS="$ROOT/.tools"
KAFKA_HOME="$TOOLS/kafka-$KAFKA_VERSION"
KEYCLOAK_HOME="$TOOLS/keycloak-$KEYCLOAK_VERSION"

log() { printf '[install] %s\n' "$*"; }

mvn_quiet() { # logfile mvn-args... — output only shown when Maven fails
  local logfile=$1
  shift
  mvn -B -Dstyle.color=never "$@" >"$logfile" 2>&1 ||
    { tail -n 30 "$logfile" >&2; echo "[install] Maven failed; full log: $logfile" >&2; exit 1; }
}

install_system() {
  local missing=()
  command -v java >/dev/null 2>&1 || missing+=(openjdk-17-jre-headless)
  command -v mvn >/dev/null 2>&1 || missing+=(maven)
  [[ -x /usr/lib/postgresql/15/bin/postgres ]] || missing+=(postgresql postgresql-contrib)
  command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
  command -v unzip >/dev/null 2>&1 || missing+=(unzip)
  command -v curl >/dev/null 2>&1 || missing+=(curl)
  command -v python3.11 >/dev/null 2>&1 || missing+=(python3 python3-pip python3-venv)
  # the registry's export is printed: a test converts it to PDF (LibreOffice headless) and
  # reads the PDF's pages and font sizes (poppler)
  command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-calc-nogui fonts-liberation)
  command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
  # the web app (web/, ADR 0024): built with node/npm (Vite needs node 20.19+), tested in
  # Debian's chromium through Playwright's executablePath (no browser download)
  command -v node >/dev/null 2>&1 || missing+=(nodejs npm)
  command -v chromium >/dev/null 2>&1 || missing+=(chromium fonts-noto-core)
  # the local Prometheus of `make up` and promtool (alerting rules checked in the tests)
  command -v prometheus >/dev/null 2>&1 || missing+=(prometheus)
  # the poverty certificates are PDFs in Vietnamese set in DejaVu Sans (fpdf2 embeds it)
  [[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]] || missing+=(fonts-dejavu-core)
  if ((${#missing[@]} == 0)); then
    return 0
  fi
  if [[ $(id -u) -ne 0 ]]; then
    echo "missing packages: ${missing[*]}; run as root or: sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  log "apt-get install ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  # Debian's maintainer scripts may start services where an init system exists; the project runs
  # its own instances on its own ports, so nothing else is needed here.
}

install_kafka() {
  if [[ -f "$KAFKA_HOME/libs/kafka_2.13-$KAFKA_VERSION.jar" && -f "$KAFKA_HOME/.complete" ]]; then
    return 0
  fi
  log "fetching Kafka $KAFKA_VERSION and its runtime dependencies from Maven Central"
  rm -rf "$KAFKA_HOME"
  mkdir -p "$TOOLS"
  mvn_quiet "$TOOLS/mvn-kafka.log" -f "$ROOT/infra/kafka/pom.xml" -Dkafka.version="$KAFKA_VERSION" \
    dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$KAFKA_HOME/libs"
  touch "$KAFKA_HOME/.complete"
}

install_keycloak() {
  if [[ -x "$KEYCLOAK_HOME/bin/kc.sh" && -f "$KEYCLOAK_HOME/.complete" ]]; then
    return 0
  fi
  log "fetching Keycloak $KEYCLOAK_VERSION (keycloak-quarkus-dist zip) from Maven Central"
  mkdir -p "$TOOLS/dl"
  local zip="$TOOLS/dl/keycloak-quarkus-dist-$KEYCLOAK_VERSION.zip"
  if [[ ! -f "$zip" ]]; then
    mvn_quiet "$TOOLS/mvn-keycloak.log" dependency:copy \
      -Dartifact="org.keycloak:keycloak-quarkus-dist:$KEYCLOAK_VERSION:zip" \
      -DoutputDirectory="$TOOLS/dl"
  fi
  rm -rf "$KEYCLOAK_HOME"
  unzip -q "$zip" -d "$TOOLS"
  touch "$KEYCLOAK_HOME/.complete"
}

install_python() {
  local uv=(uv)
  if ! command -v uv >/dev/null 2>&1; then
    if ! python3 -m uv --version >/dev/null 2>&1; then
      log "installing uv with pip"
      python3 -m pip install -q uv 2>/dev/null || python3 -m pip install -q --break-system-packages uv
    fi
    command -v uv >/dev/null 2>&1 || uv=(python3 -m uv)
  fi
  # Python 3.11 comes from the machine (Debian 12's python3), never downloaded by uv
  (cd "$ROOT" && UV_PYTHON_DOWNLOADS="${UV_PYTHON_DOWNLOADS:-never}" \
    "${uv[@]}" sync --locked --all-packages --quiet)
}

steps=("$@")
((${#steps[@]})) || steps=(system tools python)
for step in "${steps[@]}"; do
  case "$step" in
    system) install_system ;;
    tools) install_kafka; install_keycloak ;;
    python) install_python ;;
    *) echo "usage: $0 [system] [tools] [python]" >&2; exit 2 ;;
  esac
done
