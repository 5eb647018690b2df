"""Helpers of the fault tests: the registry on given databases, the gateway in front of it,
demo-user tokens, request payloads and row counts."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.pool import NullPool

from ansinh_common.auth.principal import Principal
from ansinh_common.catalogs.personal_id import Gender, make_personal_id
from ansinh_common.runtime import default_province_shards
from ansinh_common.runtime.testing import MigratedDatabases, migrate_fresh_databases
from ansinh_common.testing import create_database
from identity.testing import password_token
from registry.bootstrap import RegistryApp, bootstrap
from registry.config import RegistrySettings
from registry.domain.category import CategoryRef
from registry.domain.commands import RegisterBeneficiary, RequestMove
from registry.domain.decision import Decision
from registry.domain.person import Contact, Person, Residence
from registry.entrypoints.migrate import GLOBAL_INI, SHARD_INI

API = "/api/v1/beneficiaries"
PROBLEM = "application/problem+json"
DEMO_PASSWORD = "demo123"  # demo users of infra/keycloak/ansinh-realm.json (only logged in)


def registry_databases(make_database: Callable[[str], str]) -> MigratedDatabases:
    """Three migrated shards and the global index (``make_database``: the fixture, or
    :func:`on_server` for a private server)."""
    return migrate_fresh_databases(
        make_database, RegistrySettings, SHARD_INI, global_ini_path=GLOBAL_INI
    )


def on_server(admin_url: str) -> Callable[[str], str]:
    """``make_database`` on a private server (dropped with the server)."""
    return lambda prefix: create_database(admin_url, prefix)


def bearer(keycloak_url: str, username: str = "tinh.hanoi") -> dict[str, str]:
    grant = password_token(keycloak_url, username, DEMO_PASSWORD)
    return {"Authorization": f"Bearer {grant['access_token']}"}


def elderly(n: int, serial_base: int) -> dict[str, Any]:
    """A registration of an 80+ person in Phường Ba Đình, Hà Nội (province officer's scope)."""
    born = date(1938, 2, 1)
    return {
        "person": {
            "full_name": f"Trần Thị Lỗi {n}", "birth_date": born.isoformat(), "gender": "female",
            "personal_id": make_personal_id("001", Gender.FEMALE, born.year, serial_base + n),
            "residence": {"province_code": "01", "commune_code": "00004"},
        },
        "category_code": "5.5a", "category_condition": "from_80", "coefficient": "2.0",
        "decision": {"number": f"{n}/QĐ-UBND", "signed_on": "2025-07-10",
                     "signing_unit_code": "00004"},
    }  # fmt: skip


def count(url: str, sql: str, **params: Any) -> int:
    engine = sa.create_engine(url, poolclass=NullPool)
    try:
        with engine.connect() as conn:
            return int(conn.execute(sa.text(sql), params).scalar_one())
    finally:
        engine.dispose()


@dataclass
class Traffic:
    """Calls made by :func:`steady_traffic`: (monotonic time, HTTP status, content type)."""

    calls: list[tuple[float, int, str]] = field(default_factory=list)

    def statuses(self) -> set[int]:
        return {status for _, status, _ in self.calls}

    def first_ok_after(self, moment: float) -> float | None:
        return next((t for t, status, _ in self.calls if status < 300 and t >= moment), None)


@contextmanager
def steady_traffic(call: Callable[[], Any], every_s: float = 0.05) -> Iterator[Traffic]:
    """Runs ``call`` (returning an HTTP response) in a loop in a thread while inside."""
    traffic = Traffic()
    stop = threading.Event()

    def loop() -> None:
        while not stop.is_set():
            resp = call()
            traffic.calls.append(
                (time.monotonic(), resp.status_code, resp.headers.get("content-type", ""))
            )
            stop.wait(every_s)

    thread = threading.Thread(target=loop, name="steady-traffic")
    thread.start()
    try:
        yield traffic
    finally:
        stop.set()
        thread.join(30)


# -- the registry's event pipeline as real processes ----------------------------------------


def pipeline_env(dbs: MigratedDatabases, bootstrap: str, topic: str, group: str) -> dict[str, str]:
    """Environment of the registry's relay and worker processes (fixed worker instance name:
    a restarted worker rejoins under the same static membership)."""
    return {
        **os.environ,
        **dbs.env(),
        "ANSINH_KAFKA_BOOTSTRAP": bootstrap,
        "ANSINH_BENEFICIARY_TOPIC": topic,
        "ANSINH_CONSUMER_GROUP": group,
        "ANSINH_WORKER_INSTANCE": "fault-test",
        "ANSINH_WORKER_METRICS_PORT": "0",
    }


def start_relay(env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    args = ["-m", "ansinh_common.messaging.relay", "--settings", "registry.config:RegistrySettings",
            "--poll-interval", "0.1"]  # fmt: skip
    with log.open("ab") as out:
        return subprocess.Popen(
            [sys.executable, *args], env=env, stdout=out, stderr=subprocess.STDOUT
        )


def start_worker(env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    with log.open("ab") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "registry.entrypoints.worker"],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )


def stop(*procs: subprocess.Popen[bytes]) -> None:
    for proc in procs:
        if proc.poll() is None:
            proc.terminate()
    for proc in procs:
        try:
            proc.wait(45)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def registry_app(dbs: MigratedDatabases, topic: str) -> RegistryApp:
    """The registry's use cases in this process, on ``dbs``, writing events for ``topic``."""
    settings = RegistrySettings(
        shards=dbs.shards,
        province_shards=default_province_shards(sorted(dbs.shards)),
        global_db_url=dbs.global_url,
        beneficiary_topic=topic,
        metrics_port=None,
    )
    return bootstrap(settings)


HANOI_OFFICER = Principal("fault-hn", "canbo.hanoi", frozenset({"province_officer"}), "01")


def register_command(n: int, serial_base: int) -> RegisterBeneficiary:
    born = date(1940, 3, 10)
    person = Person(
        full_name=f"Nguyễn Thị Chuyển {n}", birth_date=born, gender=Gender.FEMALE,
        residence=Residence("01", "00004"),
        personal_id=make_personal_id("001", Gender.FEMALE, born.year, serial_base + n),
        ethnicity_code="01", contact=Contact(phone="0912345678", address="Tổ 5"),
    )  # fmt: skip
    return RegisterBeneficiary(
        principal=HANOI_OFFICER, person=person, category=CategoryRef("5.5a", "from_80"),
        coefficient=Decimal("2.0"), decision=Decision("1/QĐ-UBND", date(2025, 8, 20), "01"),
    )  # fmt: skip


def move_command(record_id: str) -> RequestMove:
    """Hà Nội (shard s1) → Phường Thục Phán, Cao Bằng (shard s2)."""
    return RequestMove(
        principal=HANOI_OFFICER, record_id=record_id, province_code="01",
        destination=Residence("04", "01273"), effective_on=date(2025, 10, 15),
        move_out_decision=Decision("50/QĐ-UBND", date(2025, 10, 10), "01"),
        move_in_decision=Decision("7/QĐ-UBND", date(2025, 10, 12), "04"),
    )  # fmt: skip
