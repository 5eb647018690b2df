# An Sinh — developer entry points. See README.md and docs/adr/0001-repository-conventions.md.
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help

ROOT := $(abspath $(dir $(lastword $(MAKEFILE_LIST))))
export PATH := $(ROOT)/.venv/bin:$(PATH)
# mypy: every src/ folder is a package root; test folders are named by their path
export MYPYPATH := $(subst $(eval) ,:,$(wildcard $(ROOT)/libs/*/src $(ROOT)/services/*/src))
PYTEST_ARGS ?=

.PHONY: help install servers up apps urls down reset status test test-unit lint proto migrate seed web

help:
	@echo "make up        install what is missing, start servers, migrate, seed, start services"
	@echo "make down      stop everything            make reset   down + delete all data (.run/)"
	@echo "make test      lint + every test (unit, integration, e2e) against the real servers"
	@echo "make test-unit unit tests only (no servers)  make lint   ruff + mypy + layers"
	@echo "make status    what runs                  make proto   regenerate gRPC code"

install:
	@infra/install.sh

servers: install
	@infra/servers.sh up

up: servers migrate seed web apps urls

# build the web application (web/dist, served by the gateway at /app/) when needed
web:
	@infra/web.sh build

apps:
	@infra/servers.sh apps

urls:
	@infra/urls.sh

down:
	@infra/servers.sh down

reset: down
	rm -rf .run
	@echo "all local data deleted (.tools/ with Kafka and Keycloak kept)"

status:
	@infra/servers.sh status

# every executable services/*/migrate.sh (migrations for all shards of that service)
migrate:
	@for script in services/*/migrate.sh; do \
	  if [[ -x "$$script" ]]; then echo "[migrate] $$script"; "$$script"; fi; \
	done

# every executable infra/seed.d/* in name order (e.g. 10-catalogs.sh, 20-demo-dossiers.py)
seed:
	@for script in infra/seed.d/*; do \
	  if [[ -f "$$script" && -x "$$script" ]]; then echo "[seed] $$script"; "$$script"; fi; \
	done

# lint and every test, side by side (lint is CPU-bound, the tests wait on servers much of the
# time: ADR 0032); lint's output is printed after the tests; fails if either failed. What both
# would otherwise build at the same time (web/dist and its node_modules, helm and the chart's
# dependencies) is built first.
test: install servers
	@infra/web.sh build; infra/charts.sh helm dependency build charts/ansinh --skip-refresh >/dev/null
	@mkdir -p .run; lint_log=.run/lint.log; \
	nice -n 15 $(MAKE) --no-print-directory lint >"$$lint_log" 2>&1 & lint_pid=$$!; \
	tests=0; pytest --durations=25 $(PYTEST_ARGS) || tests=$$?; \
	lint=0; wait $$lint_pid || lint=$$?; \
	echo "--- make lint (ran alongside the tests)"; cat "$$lint_log"; \
	if ((lint)); then echo "make test: lint FAILED (see above)"; fi; \
	if ((tests)); then echo "make test: tests FAILED (pytest exit code $$tests)"; fi; \
	exit $$((lint || tests))

test-unit:
	pytest -m "not integration and not e2e" $(PYTEST_ARGS)

# all three checks run; fails if any failed
lint:
	@rc=0; \
	echo "ruff check ."; ruff check . || rc=1; \
	echo "ruff format --check ."; ruff format --check . || rc=1; \
	echo "mypy libs services"; mypy --explicit-package-bases libs services || rc=1; \
	echo "lint-imports (layer contracts, .importlinter)"; lint-imports --no-cache || rc=1; \
	echo "proto/check.sh (generated code up to date)"; proto/check.sh || rc=1; \
	echo "gateway REST models match the protos"; python -m gateway.entrypoints.http.proto_rest.codegen --check || rc=1; \
	echo "infra/charts.sh check (helm lint, render, offline schema validation)"; infra/charts.sh check || rc=1; \
	echo "infra/web.sh check (tsc strict, web API client matches docs/api/openapi.json)"; infra/web.sh check || rc=1; \
	exit $$rc

proto:
	@if [[ -x proto/generate.sh ]]; then proto/generate.sh; \
	else echo "proto/generate.sh not there yet"; fi
