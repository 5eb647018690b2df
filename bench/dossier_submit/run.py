"""Dossier submission through the gateway at a fixed rate, next to a bare FastAPI endpoint
doing the same token check, in one run (issue 12).

1. **Baseline**: a bare FastAPI app (uvicorn, in this process, on a free port) whose only route
   runs the gateway's own token check (``gateway.entrypoints.http.dependencies.authenticate``:
   RS256 signature, issuer, times, audience, JWKS from memory/Redis/Keycloak, disabled-account
   flag in Redis) and answers 201.
2. **Target**: ``POST <gateway-url><path>`` with a counter submission (commune officer
   ``xa.canbo`` of Phường Ba Đình, form 1b) — the gateway, the dossier service over gRPC and
   its database, as ``make up`` runs them.

Both are driven open-loop at ``--rate`` requests/s for ``--seconds``: request *i* is due at
``t0 + i / rate`` and its latency is counted from that moment (a slow server cannot hide its
queue: no coordinated omission). Prints p50/p95/p99 latency in ms, the throughput reached and
the errors for each, from the same run.

    .venv/bin/python bench/dossier_submit/run.py [--rate 20] [--seconds 15]
        [--gateway-url http://127.0.0.1:58000] [--path /api/v1/dossiers]
"""

from __future__ import annotations

import argparse
import statistics
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import httpx
import uvicorn
from fastapi import FastAPI, Request

from ansinh_common.catalogs.personal_id import make_personal_id
from ansinh_common.private_servers import free_port
from ansinh_common.testing import Servers
from gateway.bootstrap import bootstrap as gateway_bootstrap
from gateway.config import GatewaySettings
from gateway.entrypoints.http.dependencies import Credentials, authenticate

OFFICER, PASSWORD = "xa.canbo", "demo123"  # demo commune officer of 00004 (realm export)
COMMUNE = "00004"


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


def token(servers: Servers) -> str:
    resp = httpx.post(
        f"{servers.keycloak_url}/realms/ansinh/protocol/openid-connect/token",
        data={"grant_type": "password", "client_id": "ansinh-gateway",
              "username": OFFICER, "password": PASSWORD},
        timeout=30,
    )  # fmt: skip
    resp.raise_for_status()
    return str(resp.json()["access_token"])


def submission(n: int) -> dict[str, Any]:
    """A counter submission of the monthly allowance (form 1b, a woman over 80 living alone)."""
    return {
        "procedure_id": "tro-cap-xa-hoi-hang-thang",
        "purpose_id": "grant_allowance",
        "form_id": "1b",
        "channel": "in_person",
        "values": {
            "full_name": "Nguyễn Thị Lan", "birth_date": "1940-03-02", "gender": "female",
            "ethnicity": "01", "personal_id": make_personal_id("001", "female", 1940, 10_000 + n),
            "residence": "Tổ 1, phường Ba Đình", "commune_code": COMMUNE, "hamlet": "Tổ 1",
            "household_poverty": "poor", "lives_with": "alone", "has_pension": False,
        },
    }  # fmt: skip


def bare_app(settings: GatewaySettings) -> FastAPI:
    """The baseline: the gateway's token check, nothing else."""
    app = FastAPI()
    gateway = gateway_bootstrap(settings)
    app.state.gateway = gateway

    @app.post("/bare", status_code=201)
    async def bare(request: Request, creds: Credentials) -> dict[str, str]:
        principal = await authenticate(request, gateway, creds)
        return {"subject": principal.subject}

    return app


def serve(app: FastAPI) -> tuple[uvicorn.Server, str]:
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    return server, f"http://127.0.0.1:{port}"


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
    elapsed = time.perf_counter() - t0
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
    print(f"{name:<28} {rate:7.1f} {len(lat) / elapsed:9.1f} {cols}   errors: {errors}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rate", type=float, default=20.0, help="requests per second")
    parser.add_argument("--seconds", type=float, default=15.0)
    parser.add_argument("--gateway-url", default="http://127.0.0.1:58000")
    parser.add_argument("--path", default="/api/v1/dossiers")
    args = parser.parse_args()
    servers = Servers.from_env()
    bearer = {"Authorization": f"Bearer {token(servers)}"}
    settings = GatewaySettings(
        environment="test", redis_url=servers.redis_url, keycloak_url=servers.keycloak_url,
        rate_limit_enabled=False,
    )  # fmt: skip
    server, base = serve(bare_app(settings))
    with httpx.Client(timeout=30, limits=httpx.Limits(max_connections=64)) as client:
        client.post(f"{base}/bare", headers=bearer)  # warm up (JWKS)
        bare, bare_s = drive(lambda _i: client.post(f"{base}/bare", headers=bearer),
                             args.rate, args.seconds)  # fmt: skip
        url = args.gateway_url + args.path
        target, target_s = drive(lambda i: client.post(url, headers=bearer, json=submission(i)),
                                 args.rate, args.seconds)  # fmt: skip
    server.should_exit = True
    print(f"\nfixed rate {args.rate}/s for {args.seconds} s each; latency from the due time (ms)")
    print(f"{'endpoint':<28} {'rate':>7} {'reached/s':>9} {'p50':>9} {'p95':>9} {'p99':>9}")
    report("bare FastAPI + token check", bare, bare_s, args.rate)
    report(f"gateway {args.path}", target, target_s, args.rate)


if __name__ == "__main__":
    main()
