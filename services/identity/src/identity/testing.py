"""Helpers for the identity service's integration and end-to-end tests (real servers).

* ``PopulationSimulator``: the population-database simulator as a separate process on a free
  port (``infra/simulators/population_db/server.py``, small seeded population, cached in
  ``.run/population-db``);
* ``IdentityServer``: the identity gRPC server in this process with real adapters;
* ``password_token`` / ``service_accounts``: Keycloak tokens and the admin adapter for setup.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

import grpc
import httpx

from ansinh.identity.v1 import identity_pb2_grpc
from ansinh_common.auth.wiring import token_verifier
from ansinh_common.grpc.server import create_server
from identity.adapters.keycloak_accounts import KeycloakAccounts
from identity.bootstrap import Identity, bootstrap
from identity.config import IdentitySettings
from identity.domain.model import NewAccount
from identity.domain.periods import ModelPeriod
from identity.entrypoints.disabled_sync import DisabledAccountSync
from identity.entrypoints.grpc_servicer import IdentityServicer

ROOT = Path(__file__).resolve().parents[4]
SIMULATOR = ROOT / "infra" / "simulators" / "population_db" / "server.py"
SIM_API_KEY = "test-population-key"
REALM = "ansinh"
ADMIN_CLIENT = "ansinh-identity-admin"
ADMIN_SECRET = "dev-identity-secret"  # development realm only


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


class PopulationSimulator:
    """``with PopulationSimulator() as sim: sim.url`` — a real process, stopped on exit."""

    def __init__(self, *, seed: int = 42, scale: float = 0.0001, data_dir: Path | None = None):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.api_key = SIM_API_KEY
        self._args = [
            sys.executable, str(SIMULATOR), "--port", str(self.port), "--seed", str(seed),
            "--scale", str(scale), "--api-key", SIM_API_KEY,
            "--data-dir", str(data_dir or ROOT / ".run" / "population-db"),
        ]  # fmt: skip
        self._proc: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> PopulationSimulator:
        self._proc = subprocess.Popen(self._args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self._proc.poll() is not None:
                out = self._proc.stdout.read().decode() if self._proc.stdout else ""
                raise RuntimeError(f"population-db simulator exited: {out[-2000:]}")
            try:
                if httpx.get(f"{self.url}/health", timeout=1).status_code == 200:
                    return self
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        self.__exit__(None, None, None)
        raise TimeoutError("population-db simulator did not start within 120 s")

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._proc is not None:
            self._proc.terminate()
            try:
                self._proc.wait(10)
            except subprocess.TimeoutExpired:
                self._proc.kill()
                self._proc.wait()
            if self._proc.stdout:
                self._proc.stdout.close()

    def sample(self, count: int = 10, offset: int = 0) -> list[dict[str, str]]:
        resp = httpx.get(
            f"{self.url}/v1/_sample",
            params={"count": count, "offset": offset},
            headers={"X-Api-Key": self.api_key},
            timeout=5,
        )
        resp.raise_for_status()
        citizens: list[dict[str, str]] = resp.json()["citizens"]
        return citizens

    def set_latency(self, seconds: float) -> None:
        httpx.put(f"{self.url}/_sim/latency", json={"seconds": seconds}, timeout=5)


@dataclass
class IdentityServer:
    """The identity gRPC service running in this process (real adapters)."""

    identity: Identity
    server: grpc.Server
    port: int
    sync: DisabledAccountSync | None

    @property
    def target(self) -> str:
        return f"127.0.0.1:{self.port}"

    def stop(self) -> None:
        if self.sync is not None:
            self.sync.stop()
        self.server.stop(0).wait()
        self.identity.close()


def start_identity_server(settings: IdentitySettings, *, sync: bool = False) -> IdentityServer:
    identity = bootstrap(settings)
    server, port = create_server(
        [(identity_pb2_grpc.add_IdentityServiceServicer_to_server,
          IdentityServicer(identity.services))],
        0,
        verifier=token_verifier(settings),
        host="127.0.0.1",
    )  # fmt: skip
    syncer = None
    if sync:
        syncer = DisabledAccountSync(identity.services, settings.disabled_sync_interval_seconds)
        syncer.start()
    return IdentityServer(identity, server, port, syncer)


def service_accounts(keycloak_url: str) -> KeycloakAccounts:
    """The identity service's Keycloak admin adapter (test setup bypasses authorization)."""
    return KeycloakAccounts(keycloak_url, REALM, ADMIN_CLIENT, ADMIN_SECRET)


def password_token(keycloak_url: str, username: str, password: str) -> dict[str, Any]:
    """Tokens by direct grant from the public client ``ansinh-gateway``; raises on refusal."""
    resp = httpx.post(
        f"{keycloak_url}/realms/{REALM}/protocol/openid-connect/token",
        data={
            "grant_type": "password",
            "client_id": "ansinh-gateway",
            "username": username,
            "password": password,
        },
        timeout=30,
    )
    resp.raise_for_status()
    tokens: dict[str, Any] = resp.json()
    return tokens


@contextmanager
def gateway_client(
    servers_redis_url: str,
    keycloak_url: str,
    identity_target: str,
    disabled_prefix: str,
) -> Iterator[Any]:
    """``gateway.testing.gateway_client`` whose ``identity`` backend is ``identity_target``.
    Imported lazily: the identity service does not depend on the gateway."""
    from gateway.testing import gateway_client as client

    backends = {"identity": identity_target}
    with client(servers_redis_url, keycloak_url, backends, disabled_prefix=disabled_prefix) as c:
        yield c


def settings_for_test(
    *,
    database_url: str,
    redis_url: str,
    keycloak_url: str,
    population: PopulationSimulator,
    periods: tuple[ModelPeriod, ...],
    **overrides: Any,
) -> IdentitySettings:
    """Identity settings for a test: its own database, disabled-flag prefix and model."""
    return IdentitySettings(
        environment="test",
        global_db_url=database_url,
        redis_url=redis_url,
        keycloak_url=keycloak_url,
        population_db_url=population.url,
        population_db_api_key=population.api_key,
        unit_model_periods=periods,
        disabled_flag_prefix=f"test:identity:disabled:{uuid.uuid4().hex}:",
        metrics_port=None,
        **overrides,
    )


def delete_keys(redis_url: str, prefix: str) -> None:
    from redis import Redis

    client: Redis[Any] = Redis.from_url(redis_url)
    keys = list(client.scan_iter(prefix + "*"))
    if keys:
        client.delete(*keys)
    client.close()


MIGRATIONS_INI = Path(__file__).resolve().parent / "migrations" / "alembic.ini"
TEST_PASSWORD = "Test-pass-123"


def migrate(url: str) -> str:
    """Migrate a (fresh) database to head, as services/identity/migrate.sh does."""
    from ansinh_common.db.targets import DatabaseTarget
    from ansinh_common.migrations import migrate_all

    migrate_all(MIGRATIONS_INI, [DatabaseTarget("global", url)], "upgrade", "head")
    return url


class KeycloakUsers:
    """Test users created directly with the admin client, deleted by ``cleanup``."""

    def __init__(self, keycloak_url: str) -> None:
        self.accounts = service_accounts(keycloak_url)
        self._ids: list[str] = []
        self._names: list[str] = []

    def create(
        self, unit: str, roles: set[str], *, version: str = "pre2025",
        first_name: str = "Kiểm", last_name: str = "Thử",
    ) -> NewAccount:  # fmt: skip
        name = f"t-{uuid.uuid4().hex[:10]}"
        new = NewAccount(name, first_name, last_name, f"{name}@test.ansinh.vn", unit, version,
                         frozenset(roles), TEST_PASSWORD, False)  # fmt: skip
        self._ids.append(self.accounts.create(new).user_id)
        return new

    def forget_later(self, username: str) -> str:
        """Delete ``username`` at cleanup (an account the test creates through the service)."""
        self._names.append(username)
        return username

    def cleanup(self) -> None:
        for name in self._names:
            found = self.accounts.find(name)
            if found is not None:
                self._ids.append(found.user_id)
        for user_id in self._ids:
            self.accounts.delete(user_id)
