"""Helpers of the fault tests: the registry on given databases, the gateway in front of it,
demo-user tokens, request payloads and row counts."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.pool import NullPool

from ansinh_common.catalogs.personal_id import Gender, make_personal_id
from ansinh_common.runtime.testing import MigratedDatabases, migrate_fresh_databases
from ansinh_common.testing import create_database
from identity.testing import password_token
from registry.config import RegistrySettings
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
