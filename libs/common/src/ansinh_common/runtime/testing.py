"""Test helpers for services run through the runtime (integration tests, real servers).

* :func:`migrate_fresh_databases`: a service's migrations applied to fresh databases made by
  the ``make_database`` fixture (``ansinh_common.testing``), three shards plus global;
* :func:`check_development_defaults` and :func:`check_migrates_and_serves_health`: the two
  checks every service generated from ``infra/service-template`` starts with;
* :class:`ServiceProcess`: a service as a child process on free ports (``ANSINH_GRPC_PORT=0``,
  ``ANSINH_METRICS_PORT=0``; the ports are read from its "started" log line), with gRPC
  health, ``/metrics`` and a SIGTERM stop that returns the exit code.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

import grpc
import sqlalchemy as sa
from grpc_health.v1 import health_pb2, health_pb2_grpc
from sqlalchemy.pool import NullPool

from ansinh_common.runtime.migrate import migrate_service
from ansinh_common.runtime.service import STARTED
from ansinh_common.runtime.shards import (
    DEV_SHARD_COUNT,
    default_province_shards,
    province_codes,
    shard_names,
)
from ansinh_common.settings import ServiceSettings

if TYPE_CHECKING:
    import pytest

DEVELOPMENT_OVERRIDES = (
    "ANSINH_GRPC_PORT",
    "ANSINH_METRICS_PORT",
    "ANSINH_SHARDS",
    "ANSINH_PROVINCE_SHARDS",
    "ANSINH_GLOBAL_DB_URL",
)


@dataclass(frozen=True)
class MigratedDatabases:
    shards: dict[str, str]
    global_url: str

    def env(self) -> dict[str, str]:
        """``ANSINH_*`` variables pointing a service process at these databases."""
        return {
            "ANSINH_SHARDS": json.dumps(self.shards),
            "ANSINH_PROVINCE_SHARDS": json.dumps(default_province_shards(sorted(self.shards))),
            "ANSINH_GLOBAL_DB_URL": self.global_url,
        }

    def urls(self) -> dict[str, str]:
        return {**self.shards, "global": self.global_url}

    def tables(self) -> dict[str, set[str]]:
        """Table names of every database (shards and ``global``)."""
        found: dict[str, set[str]] = {}
        for name, url in self.urls().items():
            engine = sa.create_engine(url, poolclass=NullPool)
            try:
                found[name] = set(sa.inspect(engine).get_table_names())
            finally:
                engine.dispose()
        return found


def migrate_fresh_databases(
    make_database: Callable[[str], str],
    settings_class: type[ServiceSettings],
    ini_path: str | Path,
    *,
    global_ini_path: str | Path | None = None,
    shards: int = DEV_SHARD_COUNT,
) -> MigratedDatabases:
    """New databases ``<svc>_s1..`` and ``<svc>_global`` (unique names, dropped by the fixture)
    migrated to head with the service's Alembic scripts."""
    service = settings_class().service_name
    shard_urls = {name: make_database(f"{service}_{name}") for name in shard_names(shards)}
    global_url = make_database(f"{service}_global")
    settings = settings_class(
        shards=shard_urls,
        province_shards=default_province_shards(sorted(shard_urls)),
        global_db_url=global_url,
    )
    migrate_service(settings, ini_path, global_ini_path=global_ini_path, create_databases=False)
    return MigratedDatabases(shard_urls, global_url)


def check_development_defaults(
    monkeypatch: pytest.MonkeyPatch,
    settings_class: type[ServiceSettings],
    service: str,
    ports: tuple[int, int],
) -> None:
    """The development settings of ``service`` (no ``ANSINH_*`` override): its gRPC and metrics
    ``ports``, shards ``<svc>_s1..s3`` and ``<svc>_global`` on the local PostgreSQL, the 34
    provinces of the 2025 catalog dealt out in code order."""
    for name in DEVELOPMENT_OVERRIDES:
        monkeypatch.delenv(name, raising=False)
    settings = settings_class()
    assert settings.service_name == service
    assert (settings.grpc_port, settings.metrics_port) == ports
    assert sorted(settings.shards) == ["s1", "s2", "s3"]
    assert settings.shards["s2"].endswith(f"@127.0.0.1:55432/{service}_s2")
    assert settings.global_db_url is not None
    assert settings.global_db_url.endswith(f"/{service}_global")
    assert sorted(settings.province_shards) == province_codes()
    assert len(settings.province_shards) == 34
    assert (settings.province_shards["01"], settings.province_shards["79"]) == ("s1", "s1")


def check_migrates_and_serves_health(
    make_database: Callable[[str], str],
    settings_class: type[ServiceSettings],
    ini_path: str | Path,
    module: str,
) -> None:
    """Fresh databases migrated with the service's Alembic scripts hold the outbox and the
    inbox; ``python -m <module>`` on them serves gRPC health and stops cleanly on SIGTERM."""
    databases = migrate_fresh_databases(make_database, settings_class, ini_path)
    for tables in databases.tables().values():
        assert {"alembic_version", "outbox", "inbox"} <= tables

    with ServiceProcess.module(module, databases.env()) as service:
        assert service.health() == "SERVING"
        assert service.terminate() == 0


class ServiceProcess:
    """``with ServiceProcess.module("dossier", env) as svc: svc.health()`` — a real process."""

    def __init__(
        self,
        args: Sequence[str],
        env: Mapping[str, str] | None = None,
        *,
        startup_timeout: float = 60.0,
    ) -> None:
        self.args = list(args)
        self.env = {
            **os.environ,
            "ANSINH_GRPC_PORT": "0",
            "ANSINH_METRICS_PORT": "0",
            **(env or {}),
        }
        self.startup_timeout = startup_timeout
        self.lines: list[str] = []
        self.grpc_port = 0
        self.metrics_port: int | None = None
        self.returncode: int | None = None
        self._proc: subprocess.Popen[str] | None = None
        self._reader: threading.Thread | None = None
        self._started = threading.Event()

    @classmethod
    def module(cls, module: str, env: Mapping[str, str] | None = None) -> ServiceProcess:
        """``python -m <module>`` with this interpreter."""
        return cls([sys.executable, "-m", module], env)

    @property
    def target(self) -> str:
        return f"127.0.0.1:{self.grpc_port}"

    def logs(self) -> list[dict[str, Any]]:
        """The JSON log lines written so far (other lines are skipped)."""
        out = []
        for line in list(self.lines):
            try:
                value = json.loads(line)
            except ValueError:
                continue
            if isinstance(value, dict):
                out.append(value)
        return out

    def output(self) -> str:
        return "".join(self.lines)

    def _read(self, stream: Any) -> None:
        for line in stream:
            self.lines.append(line)
            if not self._started.is_set() and STARTED in line:
                try:
                    record = json.loads(line)
                except ValueError:
                    continue
                if record.get("message") == STARTED:
                    self.grpc_port = int(record["grpc_port"])
                    metrics = record.get("metrics_port")
                    self.metrics_port = int(metrics) if metrics is not None else None
                    self._started.set()

    def start(self) -> ServiceProcess:
        self._proc = subprocess.Popen(
            self.args,
            env=self.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            encoding="utf-8",
        )
        self._reader = threading.Thread(target=self._read, args=(self._proc.stdout,), daemon=True)
        self._reader.start()
        deadline = time.monotonic() + self.startup_timeout
        while not self._started.wait(0.1):
            if self._proc.poll() is not None or time.monotonic() > deadline:
                self.kill()
                raise RuntimeError(
                    f"{' '.join(self.args)} did not start (exit {self.returncode}):\n"
                    + self.output()[-4000:]
                )
        return self

    def health(self, service: str = "", timeout: float = 5.0) -> str:
        """``grpc.health.v1`` status name: ``SERVING``, ``NOT_SERVING``, …"""
        with grpc.insecure_channel(self.target) as channel:
            stub = health_pb2_grpc.HealthStub(channel)
            reply = stub.Check(health_pb2.HealthCheckRequest(service=service), timeout=timeout)
        return str(health_pb2.HealthCheckResponse.ServingStatus.Name(reply.status))

    def metrics(self, timeout: float = 5.0) -> str:
        """The Prometheus text of ``/metrics``."""
        if self.metrics_port is None:
            raise RuntimeError("the service exposes no metrics port")
        url = f"http://127.0.0.1:{self.metrics_port}/metrics"
        with urllib.request.urlopen(url, timeout=timeout) as reply:  # noqa: S310 (local http)
            text: str = reply.read().decode()
        return text

    def terminate(self, timeout: float = 30.0) -> int:
        """SIGTERM, wait for the exit and return its code (killed after ``timeout``)."""
        if self._proc is None:
            raise RuntimeError("not started")
        if self._proc.poll() is None:
            self._proc.send_signal(signal.SIGTERM)
            try:
                self._proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.kill()
                raise
        return self._finish()

    def kill(self) -> None:
        if self._proc is not None and self._proc.poll() is None:
            self._proc.kill()
            self._proc.wait()
        if self._proc is not None:
            self._finish()

    def _finish(self) -> int:
        assert self._proc is not None
        code = self._proc.wait()
        if self._reader is not None:
            self._reader.join(5)
        if self._proc.stdout is not None:
            self._proc.stdout.close()
        self.returncode = code
        return code

    def __enter__(self) -> ServiceProcess:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._proc is not None and self._proc.poll() is None:
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.terminate()
        elif self._proc is not None and self.returncode is None:
            self._finish()
