"""A citizen's online application, end to end with everything real, under each model.

Real processes: the gateway (uvicorn), the dossier gRPC service, its worker and outbox relay,
the registry gRPC service, its worker and outbox relay, and the population-database simulator;
the poverty gRPC service (in the test process, its own databases), which the commune's check
of the 5.5a dossier asks for the household's status;
real PostgreSQL shards, Kafka topics and Keycloak tokens (citizen and officers). Everything goes
through the gateway's REST API.

The service chooses the administrative model by the date of receipt (``ANSINH_CLOCK_DATE`` sets
the service's calendar day; the time of day is real), so the dossier service is restarted on a
later day, as time passes in an office:

* **three-level**: received on Mon 23 Jun 2025, the commune reviews and posts it; on Mon 7 Jul
  2025 (posting over, the two-level model now in force) the commune forwards it to the district,
  which appraises, approves and decides: the dossier keeps the model it was received under;
* **two-level**: received on 7 Jul 2025, the commune checks the population database, appraises,
  approves and the commune chair decides.

Each decision reaches the registry over Kafka (``DecisionIssued``); the registry creates the
record through its own use case and answers (``DossierDecisionApplied``); the dossier shows the
record id. The record, read through the registry's REST API, carries the decision number and
date. Both dossiers share the processes.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from ansinh_common.auth.principal import Principal
from ansinh_common.private_servers import free_port
from ansinh_common.runtime.testing import ServiceProcess, migrate_fresh_databases
from ansinh_common.testing import Servers, delete_topic
from ansinh_common.testing_keycloak import KeycloakTestUsers
from dossier.config import DossierSettings
from gateway.testing import GatewayProcess
from identity.testing import PopulationSimulator
from poverty.bootstrap import bootstrap as poverty_bootstrap
from poverty.config import PovertySettings
from poverty.testing import migrated_router as poverty_router
from poverty.testing import start as start_poverty
from registry.config import RegistrySettings
from registry.entrypoints.migrate import GLOBAL_INI, SHARD_INI

pytestmark = pytest.mark.e2e

API = "/api/v1"
DOSSIER_INI = Path(__file__).parents[2] / "services" / "dossier" / "alembic.ini"
COMMUNE, DISTRICT = "00004", "001"  # Phường Ba Đình; quận Ba Đình (before 1 Jul 2025)
RECEIVED_3L = dt.date(2025, 6, 23)  # a Monday, three-level model
DAY_2L = dt.date(2025, 7, 7)  # a Monday, two-level model (Decree 147/2025)
WAIT_S = 240
STARTUP_S = 240  # a process's imports on a loaded CI machine


def _module(name: str) -> list[str]:
    return [sys.executable, "-m", name]


@dataclass
class Stack:
    gateway: GatewayProcess
    http: httpx.Client
    restart_dossier: Callable[[dt.date], None]
    population: PopulationSimulator


def _helper(args: list[str], env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    """A worker or relay process; its output in ``log`` (kept in the test's tmp_path)."""
    with log.open("ab") as out:
        return subprocess.Popen([sys.executable, *args], env=env, stdout=out, stderr=out)


@pytest.fixture
def stack(
    servers: Servers, make_database: Callable[[str], str], make_topic: Callable[..., str],
    tmp_path: Path,
) -> Iterator[Stack]:  # fmt: skip
    run = uuid.uuid4().hex[:8]
    dossier_port, registry_port = free_port(), free_port()
    backends = {"dossier": f"127.0.0.1:{dossier_port}", "registry": f"127.0.0.1:{registry_port}"}
    gateway = GatewayProcess(
        servers.redis_url, servers.keycloak_url, backends, log_path=tmp_path / "gateway.log",
        env={"ANSINH_GRPC_DEADLINE_SECONDS": "120"},  # a loaded CI machine
    )  # fmt: skip
    dossier_topic, registry_topic = make_topic(3), make_topic(3)
    prefix = f"test.e2e{run}.provincial"
    kafka = {
        "ANSINH_KAFKA_BOOTSTRAP": servers.kafka_bootstrap,
        "ANSINH_KEYCLOAK_URL": servers.keycloak_url,
        "ANSINH_REDIS_URL": servers.redis_url,
    }
    registry_dbs = migrate_fresh_databases(
        make_database, RegistrySettings, SHARD_INI, global_ini_path=GLOBAL_INI
    )
    registry_env = {
        **registry_dbs.env(), **kafka,
        "ANSINH_BENEFICIARY_TOPIC": registry_topic, "ANSINH_DOSSIER_TOPIC": dossier_topic,
        "ANSINH_CONSUMER_GROUP": f"e2e-registry-{run}", "ANSINH_GRPC_PORT": str(registry_port),
    }  # fmt: skip
    dossier_dbs = migrate_fresh_databases(make_database, DossierSettings, DOSSIER_INI)
    poverty_dbs = poverty_router(make_database)
    poverty_settings = PovertySettings(
        keycloak_url=servers.keycloak_url, redis_url=servers.redis_url
    )
    poverty, poverty_port = start_poverty(poverty_bootstrap(poverty_settings, router=poverty_dbs))
    with ExitStack() as stack, PopulationSimulator() as population:
        stack.callback(poverty_dbs.dispose)
        stack.callback(lambda: poverty.stop(0).wait())
        dossier_env = {
            **dossier_dbs.env(), **kafka,
            "ANSINH_DOSSIER_TOPIC": dossier_topic, "ANSINH_REGISTRY_TOPIC": registry_topic,
            "ANSINH_CONSUMER_GROUP": f"e2e-dossier-{run}",
            "ANSINH_PROVINCIAL_CONSUMER_GROUP": f"e2e-dossier-provincial-{run}",
            "ANSINH_PROVINCIAL_TOPIC_PREFIX": prefix,
            "ANSINH_POPULATION_DB_URL": population.url,
            "ANSINH_POPULATION_DB_API_KEY": population.api_key,
            "ANSINH_ATTACHMENT_DIR": str(tmp_path),
            "ANSINH_GRPC_PORT": str(dossier_port),
            "ANSINH_POVERTY_TARGET": f"127.0.0.1:{poverty_port}",
        }  # fmt: skip
        gateway.start()  # it starts while the services start
        stack.callback(gateway.stop)
        registry = stack.enter_context(
            ServiceProcess(_module("registry.entrypoints.grpc_server"), registry_env,
                           startup_timeout=STARTUP_S)
        )  # fmt: skip
        running: list[ServiceProcess] = []

        def restart_dossier(day: dt.date) -> None:
            if running:  # SIGTERM, killed if the graceful stop is slow (a loaded machine)
                with contextlib.suppress(subprocess.TimeoutExpired):
                    running.pop().terminate(timeout=120)
            env = {**dossier_env, "ANSINH_CLOCK_DATE": day.isoformat()}
            running.append(ServiceProcess(_module("dossier"), env, startup_timeout=STARTUP_S))
            running[-1].start()

        restart_dossier(RECEIVED_3L)
        helpers = [
            _helper(["-m", "registry.entrypoints.worker"], {**registry.env},
                    tmp_path / "registry-worker.log"),
            _helper(["-m", "ansinh_common.messaging.relay", "--settings",
                     "registry.config:RegistrySettings"], {**registry.env},
                    tmp_path / "registry-relay.log"),
            _helper(["-m", "dossier.entrypoints.worker", "--shard", "s1"],
                    {**registry.env, **dossier_env}, tmp_path / "dossier-worker.log"),
            _helper(["-m", "ansinh_common.messaging.relay", "--settings",
                     "dossier.config:DossierSettings"], {**registry.env, **dossier_env},
                    tmp_path / "dossier-relay.log"),
        ]  # fmt: skip
        gateway.wait_ready()
        http = stack.enter_context(httpx.Client(base_url=gateway.url + API, timeout=180))
        try:
            yield Stack(gateway, http, restart_dossier, population)
        finally:
            if running:
                (tmp_path / "dossier.log").write_text(running[-1].output(), encoding="utf-8")
            for proc in running:
                proc.terminate()
            for proc in helpers:
                proc.terminate()
            for proc in helpers:
                try:
                    proc.wait(timeout=45)
                except subprocess.TimeoutExpired:
                    proc.kill()
            # Hà Nội is two-way: its outbound topic was made by the first status sent out
            with contextlib.suppress(Exception):
                delete_topic(servers.kafka_bootstrap, f"{prefix}.01.outbound.v1")


class Desk:
    """The people of the test, each a real Keycloak user with a real token."""

    def __init__(self, users: KeycloakTestUsers) -> None:
        self._users = users

    def bearer(self, username: str, role: str, unit: str | None, nid: str | None = None) -> Any:
        principal = self._users(Principal(username, username, frozenset({role}), unit, nid))
        return {"Authorization": f"Bearer {principal.token}"}


def _elderly(population: PopulationSimulator, count: int) -> list[dict[str, str]]:
    """Citizens of the simulator aged 70 or more (Art. 5.5a: elderly, poor, living alone)."""
    found = [p for p in population.sample(400) if p["birth_date"] <= "1955-01-01"]
    assert len(found) >= count, "the simulator's sample holds too few elderly citizens"
    return found[:count]


def _values(person: dict[str, str]) -> dict[str, Any]:
    return {
        "full_name": person["full_name"].upper(), "birth_date": person["birth_date"],
        "gender": person["gender"], "ethnicity": "01", "personal_id": person["national_id"],
        "residence": "Tổ 1, phường Ba Đình", "commune_code": COMMUNE, "hamlet": "Tổ 1",
        "household_poverty": "poor", "lives_with": "alone", "has_pension": False,
    }  # fmt: skip


def _act(http: httpx.Client, did: str, who: Any, action: str, body: Any = None) -> Any:
    reply = http.post(f"/dossiers/{did}/actions", json={action: body or {}}, headers=who)
    assert reply.status_code == 200, f"{action}: {reply.text}"
    return reply.json()


def _submit(http: httpx.Client, desk: Desk, person: dict[str, str]) -> tuple[str, Any]:
    citizen = desk.bearer(f"dan.{person['national_id']}", "citizen", None, person["national_id"])
    body = {"procedure_id": "tro-cap-xa-hoi-hang-thang", "purpose_id": "grant_allowance",
            "form_id": "1b", "values": _values(person), "channel": 2}  # fmt: skip
    made = http.post("/dossiers", json=body, headers=citizen)
    assert made.status_code == 201, made.text
    assert made.json()["state"] == "submitted"
    return made.json()["dossier_id"], citizen


def _receive_from_queue(http: httpx.Client, did: str, officer: Any) -> Any:
    """The online dossier waits in the commune officers' queue; the desk receives it."""
    queue = http.get("/dossiers", params={"province_code": "01"}, headers=officer)
    assert queue.status_code == 200, queue.text
    waiting = {e["dossier_id"]: e for e in queue.json()["entries"]}
    assert waiting[did]["state"] == "submitted"
    return _act(http, did, officer, "receive")


def _applied(http: httpx.Client, did: str, citizen: Any) -> Any:
    """The dossier once the registry's answer is recorded on it (worker → relay → Kafka)."""
    deadline = time.monotonic() + WAIT_S
    while time.monotonic() < deadline:
        view = http.get(f"/dossiers/{did}", headers=citizen)
        assert view.status_code == 200, view.text
        if view.json().get("registry_record_id") or view.json().get("registry_refusal"):
            return view.json()
        time.sleep(0.5)
    raise AssertionError(f"no answer from the registry for {did} within {WAIT_S} s")


def _registry_record(http: httpx.Client, person: dict[str, str], reader: Any) -> Any:
    query = {"province_code": "01", "personal_id": person["national_id"]}
    found = http.get("/beneficiaries", headers=reader, params=query)
    assert found.status_code == 200, found.text
    (summary,) = found.json()["items"]  # paged: {items, next_page_token, total}
    record = http.get(f"/beneficiaries/01/{summary['record_id']}", headers=reader)
    assert record.status_code == 200, record.text
    return record.json()


def _check_record(record: Any, view: Any, number: str, signed_on: dt.date, unit: str) -> None:
    assert view["registry_record_id"] == record["record"]["record_id"], view
    assert not view.get("registry_refusal")
    decision = record["record"]["decision"]
    assert decision["number"] == number == view["decision_number"]
    assert dt.date.fromisoformat(decision["signed_on"]) == signed_on
    assert decision["signing_unit_code"] == unit
    assert record["record"]["category_code"] == "5.5a"


@pytest.mark.timeout(1200)  # seven processes start; on a loaded 2-core machine that takes minutes
def test_online_applications_reach_the_registry_under_both_models(
    stack: Stack, signed_in: KeycloakTestUsers
) -> None:
    http, desk = stack.http, Desk(signed_in)
    officer = desk.bearer("xa.motcua", "commune_officer", COMMUNE)
    second = desk.bearer("xa.truongphong", "commune_officer", COMMUNE)
    chair = desk.bearer("xa.chutich", "commune_leader", COMMUNE)
    reader = desk.bearer("tinh.canbo", "province_officer", "01")
    three, two = _elderly(stack.population, 2)

    # Three-level: received on 23 Jun 2025; the commune reviews and posts the result.
    did3, citizen3 = _submit(http, desk, three)
    received = _receive_from_queue(http, did3, officer)
    assert received["state"] == "in_review"
    assert _act(http, did3, officer, "post_publicly")["state"] == "posted"
    posting = http.get(f"/dossiers/posting-lists/{COMMUNE}", headers=officer).json()
    assert any(three["full_name"].upper() in line["text"] for line in posting["lines"])

    # Two weeks later, the two-level model in force: the three-level dossier keeps its model.
    stack.restart_dossier(DAY_2L)
    assert _act(http, did3, chair, "forward", {"note": "Đủ điều kiện"})["state"] == "in_appraisal"
    district = desk.bearer("huyen.canbo", "district_officer", DISTRICT)
    district2 = desk.bearer("huyen.truongphong", "district_officer", DISTRICT)
    district_chair = desk.bearer("huyen.chutich", "district_leader", DISTRICT)
    appraisal = {"eligible": True, "category_code": "5.5a", "coefficient": "1.5"}
    assert _act(http, did3, district, "appraise", appraisal)["state"] == "appraised"
    assert _act(http, did3, district2, "approve")["state"] == "approved"
    decided3 = _act(http, did3, district_chair, "decide", {"decision_number": "71/QĐ-UBND"})
    assert decided3["state"] == "decided"

    # Two-level: received on 7 Jul 2025; the commune decides.
    did2, citizen2 = _submit(http, desk, two)
    assert _receive_from_queue(http, did2, officer)["state"] == "in_appraisal"
    _act(http, did2, officer, "check_population", {"matched": True, "reference": "VNeID-e2e"})
    assert _act(http, did2, officer, "appraise", appraisal)["state"] == "appraised"
    assert _act(http, did2, second, "approve")["state"] == "approved"
    decided2 = _act(http, did2, chair, "decide", {"decision_number": "72/QĐ-UBND"})
    assert decided2["state"] == "decided"

    view3, view2 = _applied(http, did3, citizen3), _applied(http, did2, citizen2)
    _check_record(_registry_record(http, three, reader), view3, "71/QĐ-UBND", DAY_2L, DISTRICT)
    _check_record(_registry_record(http, two, reader), view2, "72/QĐ-UBND", DAY_2L, COMMUNE)
    for view in (view3, view2):
        assert [h["action"] for h in view["history"]][:2] == ["Nộp hồ sơ", "Tiếp nhận hồ sơ"]
    # the commune's check of the 5.5a dossier asked poverty as of the receipt (issue 14)
    checked = http.get(f"/dossiers/{did2}", headers=officer).json()["history"]
    assert checked[2]["note"] == (
        "Khớp thông tin. Diện hộ nghèo ngày 07/07/2025: không thuộc hộ nghèo/cận nghèo."
    ), checked
