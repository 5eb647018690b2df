"""A citizen's online dossier submitted through the gateway at a fixed rate, next to a bare
FastAPI endpoint doing the same token check, in one run (issue 12).

Self-contained: the benchmark starts its own stack on free ports against the shared servers
(PostgreSQL, Redis, Kafka, Keycloak of ``infra/servers.sh``), as the end-to-end tests do, and
removes what it made when it ends:

* fresh dossier databases (three shards + global) migrated to head;
* the population-database simulator (a citizen's online dossier is checked against it);
* the dossier gRPC service (``python -m dossier``) and the gateway (``uvicorn``), each one
  process; no worker or outbox relay (the submission's events stay in the outbox);
* the baseline: ``bare.py``, one uvicorn process whose ``POST /bare`` runs the gateway's own
  token check (signature, issuer, times, audience, JWKS, disabled-account flag) and answers 201;
* a real citizen in Keycloak (a ``t-dan.*`` test user with the citizen role and the national id
  of an elderly person the simulator knows), signed in through the gateway's public client.

**Target**: ``POST /api/v1/dossiers`` with the citizen's token: the gateway verifies the token,
calls the dossier service over gRPC, which verifies it again, checks the applicant against the
population database, validates form 1b (monthly allowance, a person over 80 living alone) and
commits the dossier, its code, audit line and outbox event in the shard of Hà Nội.

Both are driven open-loop at ``--rate`` requests/s for ``--seconds``: request *i* is due at
``t0 + i / rate`` and its latency is counted from that moment (a slow server cannot hide its
queue: no coordinated omission). Prints p50/p95/p99 latency in ms, the throughput reached and
the errors of each, and the load average, from the same run.

    .venv/bin/python bench/dossier_submit/run.py [--rate 20] [--seconds 30] [--logs DIR]
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from ansinh_common.auth.principal import Principal
from ansinh_common.private_servers import free_port
from ansinh_common.runtime.testing import ServiceProcess, migrate_fresh_databases
from ansinh_common.testing import Servers, create_database, drop_database
from ansinh_common.testing_keycloak import KeycloakTestUsers
from dossier.config import DossierSettings
from gateway.testing import GatewayProcess
from identity.testing import PopulationSimulator, delete_keys

ROOT = Path(__file__).resolve().parents[2]
DOSSIER_INI = ROOT / "services" / "dossier" / "alembic.ini"
HERE = Path(__file__).resolve().parent
COMMUNE = "00004"  # Phường Ba Đình, Hà Nội
STARTUP_S = 240.0  # a process's imports on a loaded 2-core machine
WARMUP = 5


@dataclass
class Outcome:
    latencies_ms: list[float] = field(default_factory=list)
    errors: dict[str, int] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def ok(self, ms: float) -> None:
        with self.lock:
            self.latencies_ms.append(ms)

    def error(self, what: str) -> None:
        with self.lock:
            self.errors[what] = self.errors.get(what, 0) + 1


@dataclass(frozen=True)
class Stack:
    gateway_url: str
    bare_url: str
    citizen: dict[str, str]
    """The person of the population database the citizen is (national id, name, birth date)."""
    bearer: dict[str, str]


def submission(person: dict[str, str]) -> dict[str, Any]:
    """The citizen's online application for the monthly allowance (form 1b, Art. 5.5a of
    Decree 20/2021: elderly, poor, living alone), as the end-to-end test sends it."""
    return {
        "procedure_id": "tro-cap-xa-hoi-hang-thang", "purpose_id": "grant_allowance",
        "form_id": "1b", "channel": 2,
        "values": {
            "full_name": person["full_name"].upper(), "birth_date": person["birth_date"],
            "gender": person["gender"], "ethnicity": "01", "personal_id": person["national_id"],
            "residence": "Tổ 1, phường Ba Đình", "commune_code": COMMUNE, "hamlet": "Tổ 1",
            "household_poverty": "poor", "lives_with": "alone", "has_pension": False,
        },
    }  # fmt: skip


def _wait_healthy(proc: subprocess.Popen[bytes], url: str, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{url} exited with {proc.returncode}")
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                return
        time.sleep(0.2)
    raise TimeoutError(f"{url} did not start within {timeout} s")


@contextlib.contextmanager
def bare_process(env: dict[str, str], log: Path) -> Iterator[str]:
    """The baseline app (``bare.py``) as one uvicorn process, like the gateway."""
    port = free_port()
    args = [
        sys.executable, "-m", "uvicorn", "bare:create", "--factory", "--app-dir", str(HERE),
        "--host", "127.0.0.1", "--port", str(port), "--no-access-log",
    ]  # fmt: skip
    with log.open("ab") as out:
        proc = subprocess.Popen(args, env={**os.environ, **env}, stdout=out, stderr=out)
    try:
        _wait_healthy(proc, f"http://127.0.0.1:{port}", STARTUP_S)
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@contextlib.contextmanager
def stack(servers: Servers, logs: Path) -> Iterator[Stack]:
    """Databases, simulator, dossier service, gateway, baseline and a citizen; all removed
    (processes stopped, databases dropped, Redis keys and the Keycloak user deleted) on exit."""
    run = uuid.uuid4().hex[:8]
    redis_prefix = f"bench:dossier:{run}"
    gateway_env = {
        "ANSINH_ENVIRONMENT": "test",
        "ANSINH_REDIS_URL": servers.redis_url,
        "ANSINH_KEYCLOAK_URL": servers.keycloak_url,
        "ANSINH_JWKS_CACHE_KEY_PREFIX": f"{redis_prefix}:jwks",
        "ANSINH_DISABLED_ACCOUNT_KEY_PREFIX": f"{redis_prefix}:disabled:",
        "ANSINH_RATE_LIMIT_ENABLED": "false",
    }
    databases: list[str] = []
    users = KeycloakTestUsers(servers.keycloak_url)

    def make_database(prefix: str) -> str:
        databases.append(create_database(servers.pg_admin_url, f"bench_{prefix}"))
        return databases[-1]

    def drop_databases() -> None:
        for url in databases:
            drop_database(servers.pg_admin_url, url)

    with ExitStack() as cleanup:
        cleanup.callback(delete_keys, servers.redis_url, redis_prefix)
        cleanup.callback(drop_databases)
        cleanup.callback(users.cleanup)
        print("migrating fresh dossier databases…", flush=True)
        dossier_dbs = migrate_fresh_databases(make_database, DossierSettings, DOSSIER_INI)
        population = cleanup.enter_context(PopulationSimulator())
        dossier_port = free_port()
        dossier_env = {
            **dossier_dbs.env(),
            "ANSINH_KAFKA_BOOTSTRAP": servers.kafka_bootstrap,
            "ANSINH_KEYCLOAK_URL": servers.keycloak_url,
            "ANSINH_REDIS_URL": servers.redis_url,
            "ANSINH_DOSSIER_TOPIC": f"bench.dossier.{run}",
            "ANSINH_POPULATION_DB_URL": population.url,
            "ANSINH_POPULATION_DB_API_KEY": population.api_key,
            "ANSINH_ATTACHMENT_DIR": str(logs / "attachments"),
            "ANSINH_GRPC_PORT": str(dossier_port),
        }
        gateway = GatewayProcess(
            servers.redis_url, servers.keycloak_url, {"dossier": f"127.0.0.1:{dossier_port}"},
            startup_timeout=STARTUP_S, env=gateway_env, log_path=logs / "gateway.log",
        )  # fmt: skip
        print("starting the dossier service, the gateway and the baseline…", flush=True)
        gateway.start()  # imports while the dossier service starts
        cleanup.callback(gateway.stop)
        dossier = ServiceProcess(
            [sys.executable, "-m", "dossier"], dossier_env, startup_timeout=STARTUP_S
        )
        cleanup.callback(lambda: (logs / "dossier.log").write_text(dossier.output()))
        cleanup.enter_context(dossier)
        bare_url = cleanup.enter_context(bare_process(gateway_env, logs / "bare.log"))
        gateway.wait_ready()
        person = next(p for p in population.sample(400) if p["birth_date"] <= "1945-01-01")
        nid = person["national_id"]
        principal = users(Principal(f"dan.{nid}", f"dan.{nid}", frozenset({"citizen"}), None, nid))
        bearer = {"Authorization": f"Bearer {principal.token}"}
        yield Stack(gateway.url, bare_url, person, bearer)


def drive(
    send: Callable[[int], httpx.Response], rate: float, seconds: float
) -> tuple[Outcome, float]:
    """Open-loop load: request i due at t0 + i/rate, latency from that moment."""
    outcome = Outcome()
    total = int(rate * seconds)
    t0 = time.perf_counter() + 0.2

    def one(i: int, due: float) -> None:
        try:
            resp = send(i)
        except httpx.HTTPError as exc:
            outcome.error(type(exc).__name__)
            return
        if resp.status_code in (200, 201, 202):
            outcome.ok((time.perf_counter() - due) * 1000)
        else:
            outcome.error(f"HTTP {resp.status_code}")

    with ThreadPoolExecutor(max_workers=64) as pool:
        for i in range(total):
            due = t0 + i / rate
            pause = due - time.perf_counter()
            if pause > 0:
                time.sleep(pause)
            pool.submit(one, i, due)
    elapsed = time.perf_counter() - t0  # every request answered (the pool has shut down)
    return outcome, elapsed


def report(name: str, outcome: Outcome, elapsed: float, rate: float) -> None:
    lat = sorted(outcome.latencies_ms)
    if len(lat) >= 2:
        q = statistics.quantiles(lat, n=100, method="inclusive")
        p50, p95, p99 = q[49], q[94], q[98]
        cols = f"{p50:9.1f} {p95:9.1f} {p99:9.1f}"
    else:
        cols = f"{'-':>9} {'-':>9} {'-':>9}"
    errors = ", ".join(f"{k}×{v}" for k, v in sorted(outcome.errors.items())) or "none"
    print(f"{name:<32} {rate:7.1f} {len(lat) / elapsed:9.1f} {cols}   errors: {errors}")


def _warm_up(client: httpx.Client, url: str, headers: dict[str, str], body: Any) -> None:
    """A few requests first (JWKS, connection pools); the first must succeed."""
    for _ in range(WARMUP):
        resp = client.post(url, headers=headers, json=body)
        if resp.status_code not in (200, 201):
            raise SystemExit(f"warm-up {url}: HTTP {resp.status_code} {resp.text[:500]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--rate", type=float, default=20.0, help="requests per second")
    parser.add_argument("--seconds", type=float, default=30.0, help="duration of each run")
    parser.add_argument("--logs", type=Path, help="keep the processes' logs in this folder")
    args = parser.parse_args()
    logs = args.logs or Path(tempfile.mkdtemp(prefix="bench-dossier-"))
    logs.mkdir(parents=True, exist_ok=True)
    with stack(Servers.from_env(), logs) as s:
        bare_url, target_url = f"{s.bare_url}/bare", f"{s.gateway_url}/api/v1/dossiers"
        body = submission(s.citizen)
        with httpx.Client(timeout=60, limits=httpx.Limits(max_connections=64)) as client:
            _warm_up(client, bare_url, s.bearer, None)
            _warm_up(client, target_url, s.bearer, body)
            load_before = os.getloadavg()
            print(f"driving {args.rate}/s for {args.seconds} s each…", flush=True)
            bare, bare_s = drive(
                lambda _i: client.post(bare_url, headers=s.bearer), args.rate, args.seconds
            )
            target, target_s = drive(
                lambda _i: client.post(target_url, headers=s.bearer, json=body),
                args.rate, args.seconds,
            )  # fmt: skip
            load_after = os.getloadavg()
    if args.logs is None:
        shutil.rmtree(logs, ignore_errors=True)
    cores = os.cpu_count()
    print(f"\nfixed rate {args.rate}/s for {args.seconds} s each; latency from the due time (ms)")
    print(f"{'endpoint':<32} {'rate':>7} {'reached/s':>9} {'p50':>9} {'p95':>9} {'p99':>9}")
    report("bare FastAPI + token check", bare, bare_s, args.rate)
    report("gateway POST /api/v1/dossiers", target, target_s, args.rate)
    print(
        f"load average (1/5/15 min) {cores} cores: before "
        + "/".join(f"{x:.2f}" for x in load_before)
        + ", after "
        + "/".join(f"{x:.2f}" for x in load_after)
    )


if __name__ == "__main__":
    main()
