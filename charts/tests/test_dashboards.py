"""Every Grafana dashboard of charts/ansinh/dashboards queries metrics the services really export.

The exported names are not typed in here: they are derived from the code.

1. The OpenTelemetry instruments the services create are found in the source
   (``create_counter("ansinh.grpc.server.handled", unit="1")``, observable gauges too, names
   given through module constants too) under ``libs/*/src`` and ``services/*/src``.
2. A subprocess feeds those instruments, the real gRPC metrics interceptor, the real SQL engine
   instrumentation and — because the gateway instruments its FastAPI app — the FastAPI
   instrumentation to OpenTelemetry's Prometheus exporter, and prints ``/metrics`` as the
   services serve it (prometheus_client's process and gc collectors included). That gives the
   Prometheus names (``ansinh_grpc_server_handled_total``, ``…_seconds_bucket``) and labels.
3. Every metric name in a dashboard's PromQL must be one of them; every label it groups or
   filters by must be an exported label or one Prometheus adds when scraping.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from functools import cache
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
DASHBOARD_DIR = ROOT / "charts" / "ansinh" / "dashboards"
DASHBOARDS = sorted(DASHBOARD_DIR.glob("*.json"))
SOURCE_DIRS = [*ROOT.glob("libs/*/src"), *ROOT.glob("services/*/src")]

SCRAPE_LABELS = {"namespace", "pod", "container", "job", "instance", "service", "endpoint"}
"""Labels added by Prometheus (PodMonitor / Kubernetes service discovery), not by the code."""
SCRAPE_METRICS = {"up"}
"""Series Prometheus writes itself for every target it scrapes."""

INSTRUMENT = re.compile(
    r"(?:\.create_(?:observable_)?|held_)(counter|up_down_counter|histogram|gauge)\(\s*"
    r"(?:meter,\s*)?"
    r"(?P<name>\"[^\"]+\"|'[^']+'|[A-Z_][A-Z0-9_]*)"
    r"(?P<rest>[^)]*)\)",
    re.S,
)
UNIT = re.compile(r"unit\s*=\s*[\"']([^\"']*)[\"']")
CONSTANT = re.compile(r"^([A-Z_][A-Z0-9_]*)\s*(?::\s*\w+\s*)?=\s*[\"']([^\"']+)[\"']", re.M)


def source_instruments() -> list[tuple[str, str, str]]:
    """(kind, OpenTelemetry name, unit) of every instrument created in the source."""
    found = set()
    for src in SOURCE_DIRS:
        for path in src.rglob("*.py"):
            if "tests" in path.parts:
                continue
            text = path.read_text(encoding="utf-8")
            if ".create_" not in text:
                continue
            constants = dict(CONSTANT.findall(text))
            for m in INSTRUMENT.finditer(text):
                raw = m.group("name")
                name = raw[1:-1] if raw[0] in "\"'" else constants.get(raw)
                assert name, f"{path}: instrument name {raw} not resolved to a string constant"
                unit = UNIT.search(m.group("rest"))
                found.add((m.group(1), name, unit.group(1) if unit else ""))
    return sorted(found)


BUSINESS = re.compile(r"business_counter\(\s*[\"'](?P<name>[^\"']+)[\"'](?P<rest>.*?)\n\)", re.S)
LABEL_NAMES = re.compile(r"labels\s*=\s*\(([^)]*)\)")


def business_counters() -> list[tuple[str, tuple[str, ...]]]:
    """(OpenTelemetry name, label names) of every ``business_counter(...)`` declared in the
    source (``ansinh_common.telemetry.business``)."""
    found = set()
    for src in SOURCE_DIRS:
        for path in src.rglob("*.py"):
            if "tests" in path.parts:
                continue
            text = path.read_text(encoding="utf-8")
            for m in BUSINESS.finditer(text):
                labels = LABEL_NAMES.search(m.group("rest"))
                names = re.findall(r"[\"'](\w+)[\"']", labels.group(1)) if labels else []
                found.add((m.group("name"), tuple(names)))
    return sorted(found)


def gateway_uses_fastapi_instrumentation() -> bool:
    app = ROOT / "services" / "gateway" / "src" / "gateway" / "app.py"
    return app.exists() and "FastAPIInstrumentor.instrument_app" in app.read_text()


EXPORT_SCRIPT = r"""
import json, sys
from opentelemetry import metrics
from opentelemetry.exporter.prometheus import PrometheusMetricReader
from opentelemetry.sdk.metrics import MeterProvider
from prometheus_client import REGISTRY, generate_latest

spec = json.loads(sys.argv[1])
real = MeterProvider(metric_readers=[PrometheusMetricReader()])
metrics.set_meter_provider(real)

# 1. every instrument found in the source, by name and unit
found = MeterProvider(metric_readers=[PrometheusMetricReader()]).get_meter("source")
for kind, name, unit in spec["instruments"]:
    instrument = getattr(found, "create_" + kind)(name, unit=unit)
    if kind == "gauge":
        instrument.set(1)
    else:
        (instrument.add if "counter" in kind else instrument.record)(1)

# 2. the real code paths, for their labels
import grpc
from ansinh_common.grpc.metrics import MetricsInterceptor

class Context:
    def code(self):
        return grpc.StatusCode.NOT_FOUND

with MetricsInterceptor(meter_provider=real).scope("/ansinh.x.v1.XService/Get", Context()):
    pass

from sqlalchemy import create_engine, text
from ansinh_common.telemetry import instrument_engine

engine = create_engine("sqlite://")
instrument_engine(engine)
with engine.connect() as conn:
    conn.execute(text("select 1"))

# the messaging code paths (consumer lag and counters, outbox relay) and business counters
from ansinh_common.messaging.metrics import ConsumerMetrics
from ansinh_common.messaging.relay.metrics import RelayMetrics

ConsumerMetrics("group", meter_provider=real).lag("topic", 1)
relay = RelayMetrics("s1", meter_provider=real)
relay.sampled(1, 1.0)
relay.published(1)
business = real.get_meter("ansinh_common.business")
for name, labels in spec["business"]:
    business.create_counter(name, unit="1").add(1, {label: "x" for label in labels})

if spec["fastapi"]:
    from fastapi import FastAPI
    from fastapi.testclient import TestClient
    from opentelemetry.instrumentation.fastapi import FastAPIInstrumentor

    app = FastAPI()

    @app.get("/v1/things/{thing_id}")
    def thing(thing_id: str) -> dict:
        return {"id": thing_id}

    FastAPIInstrumentor.instrument_app(app, meter_provider=real)
    TestClient(app).get("/v1/things/1")

sys.stdout.write(generate_latest(REGISTRY).decode())
"""

SAMPLE = re.compile(r"^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s")
LABEL = re.compile(r'([a-zA-Z_][a-zA-Z0-9_]*)="')


@cache
def exported() -> tuple[frozenset[str], frozenset[str]]:
    """(metric names, label names) of the /metrics output of the real exporter."""
    spec = {
        "instruments": source_instruments(),
        "business": business_counters(),
        "fastapi": gateway_uses_fastapi_instrumentation(),
    }
    out = subprocess.run(
        [sys.executable, "-c", EXPORT_SCRIPT, json.dumps(spec)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        check=False,
    )
    assert out.returncode == 0, out.stderr
    names, labels = set(), set()
    for line in out.stdout.splitlines():
        m = SAMPLE.match(line)
        if m and not line.startswith("#"):
            names.add(m.group(1))
            labels.update(LABEL.findall(m.group(2) or ""))
    return frozenset(names), frozenset(labels)


# ------------------------------------------------------------------------------ PromQL
KEYWORDS = {
    "by", "without", "on", "ignoring", "group_left", "group_right", "bool", "offset",
    "and", "or", "unless", "inf", "nan", "atan2",
}  # fmt: skip
GROUPING = re.compile(r"\b(?:by|without|on|ignoring|group_left|group_right)\s*\(([^)]*)\)")
MATCHER = re.compile(r"\{([^}]*)\}")
MATCHER_LABEL = re.compile(r"([a-zA-Z_][a-zA-Z0-9_]*)\s*(?:=~|!~|!=|=)")
IDENT = re.compile(r"(?<![\w$:.])([a-zA-Z_:][a-zA-Z0-9_:]*)(?![\w:])(\s*\()?")


def promql_parts(expr: str) -> tuple[set[str], set[str]]:
    """(metric names, label names) used in a PromQL expression (Grafana variables allowed)."""
    expr = re.sub(r'"(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)*\'', '""', expr)  # string literals
    labels: set[str] = set()
    for group in GROUPING.findall(expr):
        labels.update(x.strip() for x in group.split(",") if x.strip())
    for matcher in MATCHER.findall(expr):
        labels.update(MATCHER_LABEL.findall(matcher))
    rest = GROUPING.sub(" ", MATCHER.sub(" ", expr))
    rest = re.sub(r"\[[^\]]*\]", " ", rest)  # range selectors, [$__rate_interval]
    rest = re.sub(r"\$\{?\w+\}?", " ", rest)  # Grafana variables
    names = set()
    for m in IDENT.finditer(rest):
        word, call = m.group(1), m.group(2)
        if call or word.lower() in KEYWORDS or re.fullmatch(r"\d.*", word):
            continue
        names.add(word)
    return names, labels


def variable_query_parts(query: str) -> tuple[set[str], set[str]]:
    m = re.fullmatch(r"\s*label_values\((.*),\s*([a-zA-Z_]\w*)\s*\)\s*", query, re.S)
    if m:
        names, labels = promql_parts(m.group(1))
        return names, labels | {m.group(2)}
    m = re.fullmatch(r"\s*label_values\(\s*([a-zA-Z_]\w*)\s*\)\s*", query)
    if m:
        return set(), {m.group(1)}
    return promql_parts(query)


def load(path: Path) -> dict[str, Any]:
    dashboard: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return dashboard


def panels(dashboard: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    for p in dashboard.get("panels", []):
        out.append(p)
        out.extend(p.get("panels", []))  # collapsed rows
    return out


def queries(dashboard: dict[str, Any]) -> list[tuple[str, str, bool]]:
    """(where, query, is_variable) of every PromQL query of the dashboard."""
    found = []
    for p in panels(dashboard):
        for t in p.get("targets", []):
            if t.get("expr"):
                found.append((f"panel {p.get('title')!r} {t.get('refId')}", t["expr"], False))
    for v in dashboard.get("templating", {}).get("list", []):
        if v.get("type") == "query":
            q = v.get("query")
            q = q.get("query") if isinstance(q, dict) else q
            found.append((f"variable {v.get('name')}", q, True))
    return found


# ------------------------------------------------------------------------------ tests
def test_parser_finds_metrics_and_labels() -> None:
    names, labels = promql_parts(
        "histogram_quantile(0.95, sum by (le, grpc_service) (rate(made_up_seconds_bucket"
        '{namespace=~"$namespace", grpc_code!="OK"}[$__rate_interval]))) / on (pod) '
        "group_left up_total"
    )
    assert names == {"made_up_seconds_bucket", "up_total"}
    assert labels == {"le", "grpc_service", "namespace", "grpc_code", "pod"}
    assert variable_query_parts('label_values(x_total{a="1"}, grpc_service)') == (
        {"x_total"},
        {"a", "grpc_service"},
    )


def test_source_instruments_are_found() -> None:
    names = {name for _, name, _ in source_instruments()}
    assert {"ansinh.grpc.server.handled", "ansinh.grpc.server.handling"} <= names


def test_business_counters_are_found() -> None:
    assert ("ansinh.registry.import.rows", ("outcome",)) in business_counters()


def test_exporter_names_follow_the_code() -> None:
    names, labels = exported()
    grpc = {"ansinh_grpc_server_handled_total", "ansinh_grpc_server_handling_seconds_bucket"}
    assert grpc <= names
    assert {"grpc_service", "grpc_method", "grpc_code"} <= labels


def test_there_are_dashboards() -> None:
    assert {p.name for p in DASHBOARDS} >= {
        "ansinh-grpc.json",
        "ansinh-gateway.json",
        "ansinh-operations.json",
        "ansinh-business.json",
    }


@pytest.mark.parametrize("path", DASHBOARDS, ids=lambda p: p.name)
def test_dashboard_is_well_formed(path: Path) -> None:
    dashboard = load(path)
    assert dashboard.get("uid") and dashboard.get("title")
    ids = [p["id"] for p in panels(dashboard)]
    assert len(ids) == len(set(ids)), "panel ids must be unique"
    for p in panels(dashboard):
        if p.get("type") == "row":
            continue
        assert p.get("targets"), f"panel {p.get('title')!r} has no query"
        assert p.get("datasource", {}).get("uid") == "${datasource}", p.get("title")


def test_dashboard_uids_are_unique() -> None:
    uids = [load(p)["uid"] for p in DASHBOARDS]
    assert len(uids) == len(set(uids))


@pytest.mark.parametrize("path", DASHBOARDS, ids=lambda p: p.name)
def test_dashboard_queries_only_exported_metrics(path: Path) -> None:
    names, labels = exported()
    problems = []
    for where, query, is_variable in queries(load(path)):
        used_names, used_labels = (variable_query_parts if is_variable else promql_parts)(query)
        if not used_names and not is_variable:
            problems.append(f"{where}: no metric in {query!r}")
        unexported = used_names - names - SCRAPE_METRICS
        problems += [f"{where}: {n} is not exported" for n in sorted(unexported)]
        unknown = used_labels - labels - SCRAPE_LABELS - {"le"}
        problems += [f"{where}: label {x} is not exported" for x in sorted(unknown)]
    assert not problems, "\n".join(problems)
