"""Every Grafana dashboard panel returns data from a REAL Prometheus (issue 15, "Dashboards").

The registry runs as it does under ``make up``: its gRPC server, its worker and its outbox
relay as processes on fresh shards and a fresh topic, behind the gateway (uvicorn, real
Keycloak tokens); the dossier and payment servers run on fresh shards too, behind the same
gateway (the overdue-dossiers gauge is counted from the dossier shards at each scrape). A
private Prometheus (Debian's package, on a free port, scraping every second) scrapes the seven
processes with the configuration ``make up`` uses
(``ansinh_common.telemetry.scrape.render_config``) and loads the alerting rules. While an
officer's traffic goes through the gateway — searches, a record not found, an unauthenticated
call, an Excel import with a rejected row, a dossier received at the desk, a commune's payment
list generated — every query of every panel (and every template
variable) of ``charts/ansinh/dashboards/*.json`` is sent to ``/api/v1/query`` and must return a
finite value, Grafana's variables resolved as "All".
"""

from __future__ import annotations

import json
import math
import re
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
import pytest

from ansinh_common.catalogs.personal_id import Gender, make_personal_id
from ansinh_common.db import ShardRouter
from ansinh_common.private_servers import PrivatePrometheus, free_port
from ansinh_common.runtime.shards import default_province_shards
from ansinh_common.runtime.testing import ServiceProcess, migrate_fresh_databases
from ansinh_common.telemetry.scrape import ALERT_RULES, ScrapeTarget, render_config
from ansinh_common.testing import Servers
from ansinh_templates.beneficiary_excel import TitleBlock, write_workbook
from dossier.config import DossierSettings
from identity.testing import password_token
from payment.adapters.projection import save_beneficiary
from payment.config import PaymentSettings
from payment.domain.model import Beneficiary, DecisionRef, Membership, PovertyStatus
from payment.domain.months import Month
from registry.config import RegistrySettings
from registry.entrypoints.migrate import GLOBAL_INI, SHARD_INI

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
DOSSIER_INI = ROOT / "services" / "dossier" / "alembic.ini"
PAYMENT_INI = ROOT / "services" / "payment" / "alembic.ini"
DASHBOARDS = sorted((ROOT / "charts" / "ansinh" / "dashboards").glob("*.json"))
API = "/api/v1/beneficiaries"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
GRAFANA_INTERVALS = {"$__rate_interval": "15s", "$__interval": "5s", "$__range": "5m"}


@dataclass
class System:
    gateway: str
    prometheus: PrivatePrometheus
    jobs: list[str]


def _wait_http(url: str, timeout_s: float = 180.0) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise TimeoutError(f"{url} did not answer 200 within {timeout_s} s")


@pytest.fixture
def system(
    servers: Servers, make_database: Callable[[str], str], make_topic: Callable[..., str]
) -> Iterator[System]:
    dbs = migrate_fresh_databases(
        make_database, RegistrySettings, SHARD_INI, global_ini_path=GLOBAL_INI
    )
    env = {
        **dbs.env(),
        "ANSINH_BENEFICIARY_TOPIC": make_topic(3),
        "ANSINH_CONSUMER_GROUP": f"e2e-metrics-{uuid.uuid4().hex[:8]}",
        "ANSINH_KAFKA_BOOTSTRAP": servers.kafka_bootstrap,
    }
    ports = {name: free_port() for name in ("http", "gateway", "worker", "relay")}
    dossier_dbs = migrate_fresh_databases(make_database, DossierSettings, DOSSIER_INI)
    payment_dbs = migrate_fresh_databases(make_database, PaymentSettings, PAYMENT_INI)
    _entitled(payment_dbs.shards)
    payment_env = {**payment_dbs.env(), "ANSINH_REDIS_URL": servers.redis_url}
    with (
        ServiceProcess.module("registry.entrypoints.grpc_server", env) as registry,
        ServiceProcess.module("dossier", dossier_dbs.env()) as dossier,
        ServiceProcess.module("payment", payment_env) as payment,
    ):
        unique = f"test:metrics:{uuid.uuid4().hex}"
        gateway_env = {
            **registry.env,
            "ANSINH_ENVIRONMENT": "test",
            "ANSINH_SERVICE_NAME": "gateway",
            "ANSINH_METRICS_PORT": str(ports["gateway"]),
            "ANSINH_REDIS_URL": servers.redis_url,
            "ANSINH_KEYCLOAK_URL": servers.keycloak_url,
            "ANSINH_GRPC_BACKENDS__REGISTRY": registry.target,
            "ANSINH_GRPC_BACKENDS__DOSSIER": dossier.target,
            "ANSINH_GRPC_BACKENDS__PAYMENT": payment.target,
            "ANSINH_RATE_LIMIT_ENABLED": "false",
            "ANSINH_JWKS_CACHE_KEY_PREFIX": f"{unique}:jwks",
            "ANSINH_DISABLED_ACCOUNT_KEY_PREFIX": f"{unique}:disabled:",
        }
        commands = {
            "registry-worker": (
                [sys.executable, "-m", "registry.entrypoints.worker"],
                {**registry.env, "ANSINH_WORKER_METRICS_PORT": str(ports["worker"])},
            ),
            "registry-outbox-relay": (
                [sys.executable, "-m", "ansinh_common.messaging.relay", "--settings",
                 "registry.config:RegistrySettings", "--metrics-port", str(ports["relay"]),
                 "--poll-interval", "0.2"],
                registry.env,
            ),
            "gateway": (
                [sys.executable, "-m", "uvicorn", "gateway.entrypoints.main:create", "--factory",
                 "--host", "127.0.0.1", "--port", str(ports["http"]), "--no-access-log"],
                gateway_env,
            ),
        }  # fmt: skip
        logs = Path(tempfile.mkdtemp(prefix="ansinh-metrics-e2e-"))
        procs = []
        for name, (cmd, cmd_env) in commands.items():
            with (logs / f"{name}.log").open("wb") as log:
                procs.append(
                    subprocess.Popen(cmd, env=cmd_env, stdout=log, stderr=subprocess.STDOUT)
                )
        try:
            gateway = f"http://127.0.0.1:{ports['http']}"
            try:
                _wait_http(f"{gateway}/healthz")
            except TimeoutError:
                raise AssertionError((logs / "gateway.log").read_text()[-3000:]) from None
            targets = [
                ScrapeTarget("gateway", "gateway", f"127.0.0.1:{ports['gateway']}"),
                ScrapeTarget("registry", "registry", f"127.0.0.1:{registry.metrics_port}"),
                ScrapeTarget("registry-worker", "registry", f"127.0.0.1:{ports['worker']}"),
                ScrapeTarget("registry-outbox-relay", "registry", f"127.0.0.1:{ports['relay']}"),
                ScrapeTarget("dossier", "dossier", f"127.0.0.1:{dossier.metrics_port}"),
                ScrapeTarget("payment", "payment", f"127.0.0.1:{payment.metrics_port}"),
            ]
            config = render_config(targets, scrape_interval="1s", rule_files=[ALERT_RULES])
            with PrivatePrometheus(config) as prometheus:
                yield System(gateway, prometheus, [t.job for t in targets])
        finally:
            for proc in procs:
                proc.terminate()
            for proc in procs:
                try:
                    proc.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    proc.kill()


def _entitled(shards: dict[str, str]) -> None:
    """Two people of Ba Đình entitled from July 2025 in the payment projection (what the
    payment worker writes from the registry's events, ADR 0027)."""
    router = ShardRouter(default_province_shards(sorted(shards)), shards)
    try:
        with router.session("01") as session:
            for n in (1, 2):
                pid = f"00119400000{n}"
                member = Membership(f"r-dash-{n}", "5.5a", DecisionRef(f"{n}/QĐ-UBND",
                                    date(2025, 6, 3)), Month(2025, 7),
                                    poverty=PovertyStatus.POOR)  # fmt: skip
                person = Beneficiary(pid, pid, date(1940, 3, 1), "01", "00004", (member,), ())
                save_beneficiary(session, person, f"Người hưởng {n}")
    finally:
        router.dispose()


def _receive_dossier(client: httpx.Client, auth: dict[str, str]) -> None:
    """The commune's desk records a dossier handed in on paper (channel 1)."""
    values = {
        "full_name": "Nguyễn Thị Lan", "birth_date": "1950-03-02", "gender": "female",
        "ethnicity": "01", "personal_id": make_personal_id("001", Gender.FEMALE, 1950, 123),
        "residence": "Tổ 1, phường Ba Đình",
        "commune_code": "00004", "hamlet": "Tổ 1", "household_poverty": "poor",
        "lives_with": "alone", "has_pension": False,
    }  # fmt: skip
    made = client.post("/api/v1/dossiers", headers=auth, json={
        "procedure_id": "tro-cap-xa-hoi-hang-thang", "purpose_id": "grant_allowance",
        "form_id": "1b", "values": values, "channel": 1,
    })  # fmt: skip
    assert made.status_code == 201, made.text


def _generate_payments(client: httpx.Client, auth: dict[str, str]) -> int:
    """The commune's payment list of October 2025, generated (a job); its line count."""
    started = client.post("/api/v1/payments/lists/00004/2025-10/generation", headers=auth)
    assert started.status_code == 202, started.text
    location = started.headers["location"]
    deadline = time.monotonic() + 60
    while client.get(location, headers=auth).json()["state"] not in ("succeeded", "failed"):
        assert time.monotonic() < deadline, "the generation job did not end"
        time.sleep(0.2)
    result = client.get(f"{location}/result", headers=auth).json()
    return int(result["payment_list"]["line_count"])


def _workbook(rows: int, bad_row: int) -> bytes:
    data = []
    for n in range(1, rows + 1):
        born = date(1936, 1 + n % 12, 9)
        data.append({
            "full_name": f"Phạm Thị Đo {n}", "birth_date": born, "gender": "Nữ",
            "personal_id": make_personal_id("001", Gender.FEMALE, born.year, 760_000 + n),
            "ethnicity": "Kinh", "commune_name": "Phường Ba Đình", "commune_code": "00004",
            "category": "5.5a", "coefficient": Decimal("2.0"), "decision_number": f"{n}/QĐ",
            "decision_date": date(2024, 5, 10), "decision_authority": "UBND phường Ba Đình",
            "start_month": (2024, 6), "payment_method": "Tiền mặt tại xã",
        })  # fmt: skip
    data[bad_row - 1]["gender"] = "?"
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "00004.xlsx"
        title = TitleBlock("Thành phố Hà Nội", "Phường Ba Đình", "00004", (2025, 10))
        write_workbook(path, title, data)
        return path.read_bytes()


def _import(client: httpx.Client, auth: dict[str, str]) -> dict[str, Any]:
    files = {"file": ("00004.xlsx", _workbook(4, bad_row=2), XLSX)}
    started = client.post(f"{API}/import", params={"mode": "apply_valid_only"}, files=files,
                          headers=auth)  # fmt: skip
    assert started.status_code == 202, started.text
    location = started.headers["location"]
    deadline = time.monotonic() + 60
    while client.get(location, headers=auth).json()["state"] not in ("succeeded", "failed"):
        assert time.monotonic() < deadline, "the import job did not end"
        time.sleep(0.2)
    result: dict[str, Any] = client.get(f"{location}/result", headers=auth).json()
    return result


def _traffic(client: httpx.Client, auth: dict[str, str], stop: threading.Event) -> None:
    """An officer's everyday calls, until ``stop``: a search, a record that does not exist
    (404 ← gRPC NOT_FOUND), a call without a token (401)."""
    while not stop.is_set():
        client.get(API, headers=auth)
        client.get(f"{API}/01/{uuid.uuid4()}", headers=auth)
        client.get(API)
        stop.wait(0.3)


def resolve(expr: str) -> str:
    """The PromQL Grafana would send with every variable on "All" (``.*``)."""
    for name, value in GRAFANA_INTERVALS.items():
        expr = expr.replace(name, value)
    return re.sub(r"\$\{?\w+\}?", ".*", expr)


def dashboard_queries(path: Path) -> list[tuple[str, str]]:
    """(where, PromQL) of every panel target and every ``label_values`` variable."""
    board = json.loads(path.read_text(encoding="utf-8"))
    found = []

    def walk(panels: list[dict[str, Any]]) -> None:
        for panel in panels:
            walk(panel.get("panels", []))
            for target in panel.get("targets", []):
                where = f"{path.name} panel {panel['title']!r} {target['refId']}"
                found.append((where, resolve(target["expr"])))

    walk(board.get("panels", []))
    for variable in board.get("templating", {}).get("list", []):
        query = variable.get("query")
        query = query.get("query") if isinstance(query, dict) else query
        m = re.fullmatch(r"label_values\((.+),\s*(\w+)\)", str(query))
        if variable.get("type") == "query" and m:
            where = f"{path.name} variable {variable['name']}"
            found.append((where, resolve(f"count by ({m.group(2)}) ({m.group(1)})")))
    return found


def without_data(prometheus: PrivatePrometheus, queries: list[tuple[str, str]]) -> list[str]:
    missing = []
    for where, expr in queries:
        values = [float(sample["value"][1]) for sample in prometheus.query(expr)]
        if not any(math.isfinite(v) for v in values):
            missing.append(f"{where}: {expr} -> {values or 'no series'}")
    return missing


def test_every_dashboard_panel_returns_data_from_a_real_prometheus(system: System) -> None:
    queries = [q for path in DASHBOARDS for q in dashboard_queries(path)]
    assert len(DASHBOARDS) >= 5 and len(queries) > 50

    officer = {
        "Authorization": "Bearer "
        + password_token(_keycloak(), "xa.canbo", "demo123")["access_token"]
    }
    stop = threading.Event()
    with httpx.Client(base_url=system.gateway, timeout=30) as client:
        report = _import(client, officer)
        assert (report["rows_total"], report["rows_applied"]) == (4, 3), report
        _receive_dossier(client, officer)
        lines = _generate_payments(client, officer)
        assert lines >= 2
        sender = threading.Thread(target=_traffic, args=(client, officer, stop), daemon=True)
        sender.start()
        try:
            deadline = time.monotonic() + 90
            missing = without_data(system.prometheus, queries)
            while missing and time.monotonic() < deadline:
                time.sleep(2)
                missing = without_data(system.prometheus, queries)
        finally:
            stop.set()
            sender.join(10)
    assert not missing, "panels without data:\n" + "\n".join(missing)

    up = {s["metric"]["job"]: s["value"][1] for s in system.prometheus.query("up")}
    assert up == dict.fromkeys(system.jobs, "1")
    imported = system.prometheus.query("sum by (outcome) (ansinh_registry_import_rows_total)")
    assert {s["metric"]["outcome"]: s["value"][1] for s in imported} == {
        "applied": "3", "rejected": "1", "checked": "0",
    }  # fmt: skip
    received = system.prometheus.query("sum(ansinh_dossier_received_total)")
    assert received[0]["value"][1] == "1"  # the dossier received at the desk
    generated = system.prometheus.query("sum(ansinh_payment_lines_generated_total)")
    assert generated[0]["value"][1] == str(lines)  # the lines of the generated list
    published = system.prometheus.query("sum(ansinh_outbox_published_total)")
    assert float(published[0]["value"][1]) >= 3  # the three new records' events
    rules = system.prometheus.api("rules")
    alerts = {r["name"] for g in rules["groups"] for r in g["rules"]}
    assert {"AnsinhOutboxRelayLag", "AnsinhDeadLetters", "AnsinhShardUnreachable"} <= alerts


def _keycloak() -> str:
    return Servers.from_env().keycloak_url
