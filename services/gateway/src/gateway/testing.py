"""Helpers for tests that drive the real gateway app (end-to-end tests, real servers).

``gateway_client(redis_url, keycloak_url, backends)``: a ``fastapi.testclient.TestClient`` of
the gateway as ``create_app`` builds it (real bootstrap: Redis, Keycloak JWKS, gRPC channels to
``backends``), with its own Redis key prefixes and rate limiting off.

``GatewayProcess``: the same gateway as a real process (uvicorn), for end-to-end tests and
benchmarks that drive it over HTTP.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

import httpx
from fastapi.testclient import TestClient

from ansinh_common.private_servers import free_port
from gateway.app import create_app
from gateway.config import GatewaySettings


@contextmanager
def gateway_client(
    redis_url: str,
    keycloak_url: str,
    backends: Mapping[str, str],
    *,
    disabled_prefix: str | None = None,
) -> Iterator[TestClient]:
    """The gateway whose gRPC ``backends`` (name → ``host:port``) are the given targets.

    ``disabled_prefix``: Redis prefix of the identity service's disabled-account flags (a
    fresh one when not given, so no account of the test is refused as disabled)."""
    unique = f"test:gateway:{uuid.uuid4().hex}"
    settings = GatewaySettings(
        environment="test",
        redis_url=redis_url,
        keycloak_url=keycloak_url,
        jwks_cache_key_prefix=f"{unique}:jwks",
        rate_limit_enabled=False,
        grpc_backends=dict(backends),
        disabled_account_key_prefix=disabled_prefix or f"{unique}:disabled:",
    )
    with TestClient(create_app(settings, instrument=False), raise_server_exceptions=False) as c:
        yield c


class GatewayProcess:
    """The gateway as it runs in production (``uvicorn gateway.entrypoints.main:create``) in a
    child process on a free port: ``with GatewayProcess(redis, keycloak, backends) as gw:``
    then ``gw.url``. Own Redis key prefixes, rate limiting off."""

    def __init__(
        self,
        redis_url: str,
        keycloak_url: str,
        backends: Mapping[str, str],
        *,
        startup_timeout: float = 240.0,
        env: Mapping[str, str] | None = None,
        log_path: Path | None = None,
    ) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        unique = f"test:gateway:{uuid.uuid4().hex}"
        env = {
            **os.environ,
            "ANSINH_ENVIRONMENT": "test",
            "ANSINH_REDIS_URL": redis_url,
            "ANSINH_KEYCLOAK_URL": keycloak_url,
            "ANSINH_JWKS_CACHE_KEY_PREFIX": f"{unique}:jwks",
            "ANSINH_RATE_LIMIT_ENABLED": "false",
            "ANSINH_DISABLED_ACCOUNT_KEY_PREFIX": f"{unique}:disabled:",
            "ANSINH_GRPC_BACKENDS": json.dumps(dict(backends)),
            **(env or {}),
        }
        self.log_path = log_path
        self._args = [
            sys.executable, "-m", "uvicorn", "gateway.entrypoints.main:create", "--factory",
            "--host", "127.0.0.1", "--port", str(self.port), "--no-access-log",
        ]  # fmt: skip
        self._env = env
        self._timeout = startup_timeout
        self._proc: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> GatewayProcess:
        return self.start().wait_ready()

    def start(self) -> GatewayProcess:
        """Start the process without waiting (other processes may start meanwhile)."""
        if self.log_path is None:
            self._proc = subprocess.Popen(
                self._args, env=self._env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
            )
            return self
        with self.log_path.open("ab") as out:
            self._proc = subprocess.Popen(self._args, env=self._env, stdout=out, stderr=out)
        return self

    def wait_ready(self) -> GatewayProcess:
        assert self._proc is not None, "not started"
        deadline = time.monotonic() + self._timeout
        while time.monotonic() < deadline:
            if self._proc.poll() is not None:
                raise RuntimeError(f"the gateway exited with {self._proc.returncode}")
            try:
                if httpx.get(f"{self.url}/healthz", timeout=1).status_code == 200:
                    return self
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        self.__exit__(None, None, None)
        raise TimeoutError(f"the gateway did not start within {self._timeout} s")

    def __exit__(self, *_exc: object) -> None:
        self.stop()

    def stop(self) -> None:
        if self._proc is None:
            return
        self._proc.terminate()
        try:
            self._proc.wait(15)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.wait()
