"""PostgreSQL stopped for 20 s under the gateway (issue 10, ADR 0008), on a PRIVATE server.

The registry gRPC server (a real process) keeps its shards on a private PostgreSQL that the
test stops for 20 s. Meanwhile every API call through the gateway is 503 problem+json with
``Retry-After`` (never 500), ``/readyz`` turns 503 naming ``grpc:registry`` (its health
follows the databases), and ``/healthz`` stays 200. After the restart everything answers
again without restarting anything, and the counts show nothing lost or half applied: one
record, one person, one change, the same outbox events and one index entry per 201 answer.
"""

from __future__ import annotations

import time
from typing import Any

import pytest

from ansinh_common.private_servers import PrivatePostgres
from ansinh_common.runtime.testing import ServiceProcess
from ansinh_common.testing import Servers
from gateway.testing import gateway_client

from .support import API, PROBLEM, bearer, count, elderly, on_server, registry_databases

pytestmark = pytest.mark.e2e

OUTAGE_S = 20.0
SERIALS = 820_000


def test_postgres_down_gives_503_and_not_ready_then_recovers_without_restart(
    servers: Servers,
) -> None:
    officer = bearer(servers.keycloak_url)
    with PrivatePostgres() as pg:
        dbs = registry_databases(on_server(pg.admin_url))
        with (
            ServiceProcess.module("registry.entrypoints.grpc_server", dbs.env()) as backend,
            gateway_client(
                servers.redis_url, servers.keycloak_url, {"registry": backend.target}
            ) as client,
        ):
            serial = iter(range(1, 1000))

            def register() -> Any:
                return client.post(API, json=elderly(next(serial), SERIALS), headers=officer)

            def search() -> Any:
                return client.get(API, params={"name": "tran thi loi"}, headers=officer)

            created = [register() for _ in range(3)]
            assert [r.status_code for r in created] == [201, 201, 201]
            assert client.get("/readyz").status_code == 200
            events_per_record = count(dbs.shards["s1"], "SELECT count(*) FROM outbox") // 3

            pg.stop()
            stopped_at = time.monotonic()
            during: list[Any] = []
            ready_during: list[int] = []
            while time.monotonic() - stopped_at < OUTAGE_S:
                during += [register(), search()]
                ready_during.append(client.get("/readyz").status_code)
                assert client.get("/healthz").status_code == 200
                time.sleep(0.5)
            not_ready = client.get("/readyz")
            pg.start()
            restarted_at = time.monotonic()

            recovered = None
            while time.monotonic() - restarted_at < 15:
                attempt = register()
                if attempt.status_code == 201:
                    recovered = time.monotonic() - restarted_at
                    created.append(attempt)
                    break
                during.append(attempt)
                time.sleep(0.2)
            assert recovered is not None, "the registry did not recover without a restart"
            ready_after = None
            while time.monotonic() - restarted_at < 15:
                if client.get("/readyz").status_code == 200:
                    ready_after = time.monotonic() - restarted_at
                    break
                time.sleep(0.2)
            assert search().status_code == 200
            assert backend.returncode is None  # the same process all along
        print(f"\nrecovered {recovered:.2f} s and ready {ready_after} s after PostgreSQL restarted")

        assert during and {r.status_code for r in during} == {503}
        for resp in during:
            assert resp.headers["content-type"] == PROBLEM
            assert int(resp.headers["retry-after"]) > 0
            assert resp.json()["code"] == "unavailable"
        assert 503 in ready_during[-3:]
        assert not_ready.status_code == 503
        assert [e["field"] for e in not_ready.json()["errors"]] == ["grpc:registry"]
        assert ready_after is not None

        shard, index = dbs.shards["s1"], dbs.global_url
        ids = {r.json()["record_id"] for r in created}
        assert len(ids) == len(created) == 4
        assert count(shard, "SELECT count(*) FROM beneficiary_records") == len(ids)
        assert count(shard, "SELECT count(*) FROM persons") == len(ids)
        assert count(shard, "SELECT count(*) FROM record_changes") == len(ids)
        assert count(shard, "SELECT count(DISTINCT subject) FROM outbox") == len(ids)
        assert count(shard, "SELECT count(*) FROM outbox") == events_per_record * len(ids)
        assert count(index, "SELECT count(*) FROM active_index WHERE active") == len(ids)
