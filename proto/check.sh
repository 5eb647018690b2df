#!/usr/bin/env bash
# Fail (exit 1, printing a diff) when the committed generated code in
# libs/protos/src/ansinh/ differs from what proto/generate.sh produces now.
# CI runs this; fix a failure with `make proto` (proto/generate.sh) and commit.
set -euo pipefail
export LC_ALL=C

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

"$ROOT/proto/generate.sh" "$TMP" >/dev/null

if diff -ruN --exclude='__pycache__' --exclude='*.pyc' \
    "$ROOT/libs/protos/src/ansinh" "$TMP/ansinh"; then
  echo "proto/check.sh: generated code is up to date"
else
  echo "proto/check.sh: generated code is STALE — run proto/generate.sh (make proto) and commit" >&2
  exit 1
fi
