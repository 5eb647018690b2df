#!/usr/bin/env bash
# Helm charts: render and validate offline (docs/deploy.md, docs/adr/0007).
#
#   infra/charts.sh check            lint, render (default, dev, prod values), validate every
#                                    manifest against the Kubernetes schemas, test dashboards
#   infra/charts.sh render [VALUES]  print the umbrella chart rendered with charts/ansinh/VALUES
#   infra/charts.sh helm ARGS...     run the pinned helm
#
# helm is built from source through the Go module proxy (no binary download) into
# .tools/bin/helm-<version> once; later runs reuse it. Schemas come from the PyPI package
# kubernetes-validate (dev group of the root pyproject, bundled schemas, no download).
# `check` skips its work when nothing it reads changed since its last success (stamp in
# .run/charts/); CHARTS_FORCE=1 runs it anyway.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

HELM_VERSION="v3.22.0"
# Kubernetes versions the manifests must be valid for (oldest supported, newest targeted);
# the chart's kubeVersion is >=1.29.
KUBE_VERSIONS=(1.29 1.34)
RENDER_KUBE_VERSION="1.34.0"
RELEASE="ansinh"
NAMESPACE="ansinh"
VALUES_SETS=("" "values-dev.yaml" "values-prod.yaml")

TOOLS="$ROOT/.tools/bin"
HELM="$TOOLS/helm-$HELM_VERSION"
OUT="$ROOT/.run/charts"
PY="$ROOT/.venv/bin/python"

log() { printf '[charts] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

ensure_helm() {
  [[ -x "$HELM" ]] && return 0
  local go=go
  command -v go >/dev/null 2>&1 || go=/usr/local/go/bin/go
  [[ -x "$(command -v "$go")" ]] || die "Go is needed to build helm (go install through the module proxy)"
  log "building helm $HELM_VERSION with $("$go" version | cut -d' ' -f3) (go install, module proxy; once)"
  local start=$SECONDS tmp
  mkdir -p "$TOOLS"
  tmp="$(mktemp -d "$TOOLS/.helm-build.XXXXXX")"
  # shellcheck disable=SC2064
  trap "rm -rf '$tmp'" RETURN
  GOBIN="$tmp" GOFLAGS=-mod=mod GOTOOLCHAIN=local CGO_ENABLED=0 \
    "$go" install -trimpath \
    -ldflags "-s -w -X helm.sh/helm/v3/internal/version.version=$HELM_VERSION" \
    "helm.sh/helm/v3/cmd/helm@$HELM_VERSION"
  mv -f "$tmp/helm" "$HELM"
  ln -sfn "helm-$HELM_VERSION" "$TOOLS/helm"
  log "helm $HELM_VERSION built in $((SECONDS - start))s: $HELM"
}

ensure_python() {
  [[ -x "$PY" ]] || die ".venv is missing: run 'uv sync --locked' (make up does)"
  "$PY" -c 'import kubernetes_validate' 2>/dev/null \
    || die "kubernetes-validate is missing from .venv: run 'uv sync --locked' (dev group)"
}

helm_() {
  # Everything helm writes (repository cache, config) stays in .run/charts/helm-home.
  HELM_CACHE_HOME="$OUT/helm-home/cache" HELM_CONFIG_HOME="$OUT/helm-home/config" \
    HELM_DATA_HOME="$OUT/helm-home/data" "$HELM" "$@"
}

dependencies() {
  # Packages charts/ansinh-service into charts/ansinh/charts/ (git-ignored) from file://.
  helm_ dependency build charts/ansinh --skip-refresh >/dev/null
}

values_args() { [[ -n "$1" ]] && printf -- '-f\ncharts/ansinh/%s\n' "$1"; return 0; }

render() {
  local values="${1:-}" args=()
  mapfile -t args < <(values_args "$values")
  helm_ template "$RELEASE" charts/ansinh --namespace "$NAMESPACE" \
    --kube-version "$RENDER_KUBE_VERSION" "${args[@]}"
}

inputs_digest() {
  {
    echo "$HELM_VERSION ${KUBE_VERSIONS[*]} $RENDER_KUBE_VERSION"
    "$PY" -c 'import kubernetes_validate.version as v; print(v.__version__)'
    # the charts, this script, the validator, and the code the dashboard test reads
    find charts infra/k8s-validate infra/charts.sh libs/*/src services/*/src \
      -type f \( -path 'charts/ansinh/charts/*' -o -name '*.pyc' \) -prune -o -type f -print \
      2>/dev/null | LC_ALL=C sort | xargs sha256sum
  } | sha256sum | cut -d' ' -f1
}

check() {
  local start=$SECONDS
  ensure_python
  ensure_helm
  mkdir -p "$OUT"
  local digest stamp="$OUT/check.ok"
  digest="$(inputs_digest)"
  if [[ "${CHARTS_FORCE:-0}" != 1 && -f "$stamp" && "$(cat "$stamp")" == "$digest" ]]; then
    log "check: nothing changed since the last successful check (CHARTS_FORCE=1 to rerun)"
    return 0
  fi
  rm -f "$stamp"
  dependencies

  log "helm lint --strict (generic chart, umbrella with each values file)"
  helm_ lint --strict charts/ansinh-service --set ports.grpc=58053 --quiet \
    --kube-version "$RENDER_KUBE_VERSION" >/dev/null \
    || { helm_ lint --strict charts/ansinh-service --set ports.grpc=58053; die "helm lint"; }
  local values args files=()
  for values in "${VALUES_SETS[@]}"; do
    mapfile -t args < <(values_args "$values")
    helm_ lint --strict charts/ansinh --namespace "$NAMESPACE" --quiet \
      --kube-version "$RENDER_KUBE_VERSION" "${args[@]}" >/dev/null \
      || { helm_ lint --strict charts/ansinh "${args[@]}"; die "helm lint ${values:-values.yaml}"; }
    local file="$OUT/rendered-${values:-values.yaml}"
    render "$values" >"$file"
    files+=("$file")
  done

  log "validating the rendered manifests (Kubernetes ${KUBE_VERSIONS[*]}, offline)"
  local kv=()
  for v in "${KUBE_VERSIONS[@]}"; do kv+=(--kube-version "$v"); done
  "$PY" infra/k8s-validate/validate.py "${kv[@]}" "${files[@]}"

  # charts/tests (dashboards query only exported metrics; shard-layout rules) run with every
  # other test under `make test` (pytest testpaths), not here.

  echo "$digest" >"$stamp"
  log "check passed in $((SECONDS - start))s (rendered: ${OUT#"$ROOT"/}/)"
}

case "${1:-}" in
  check) check ;;
  render)
    ensure_helm
    mkdir -p "$OUT"
    dependencies
    render "${2:-}"
    ;;
  helm)
    shift
    ensure_helm
    mkdir -p "$OUT"
    helm_ "$@"
    ;;
  *)
    awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "${BASH_SOURCE[0]}"
    exit 2
    ;;
esac
