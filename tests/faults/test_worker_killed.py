"""Worker killed: kill -9 of the registry worker during a burst of cross-province moves; every
saga completes within 15 s of the restart, once (issue 10, ADR 0008).

Relay and worker run as real processes on the shared Kafka and per-test databases. 30 moves
Hà Nội → Cao Bằng are requested at once; as soon as the first saga has completed, the worker
is killed (SIGKILL) mid-burst and started again 2 s later under the same instance name
(static group membership: it takes its partitions back without waiting for the dead member's
session to expire). Afterwards each person is active exactly once, in Cao Bằng, the Hà Nội
records are closed, and the index points at the new records.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest

from ansinh_common.testing import Servers

from .support import (
    count,
    move_command,
    pipeline_env,
    register_command,
    registry_app,
    registry_databases,
    start_relay,
    start_worker,
    stop,
)

pytestmark = pytest.mark.e2e

MOVES = 30
READY = "registry worker for groups"
"""Logged by the worker once its consumers have subscribed (the restart's moment)."""
SERIALS = 830_000


def test_sagas_complete_within_15_s_of_a_worker_restart(
    servers: Servers,
    make_database: Callable[[str], str],
    make_topic: Callable[..., str],
    tmp_path: Path,
) -> None:
    dbs = registry_databases(make_database)
    topic = make_topic(3)
    app = registry_app(dbs, topic)
    record_ids = [app.bus.handle(register_command(n, SERIALS)) for n in range(MOVES)]
    env = pipeline_env(dbs, servers.kafka_bootstrap, topic, f"fault-{uuid.uuid4().hex[:8]}")
    origin, destination = dbs.shards["s1"], dbs.shards["s2"]

    def completed() -> int:
        return count(origin, "SELECT count(*) FROM beneficiary_records "
                             "WHERE move->>'stage' = 'completed'")  # fmt: skip

    log = tmp_path / "worker.log"
    relay, worker = start_relay(env, tmp_path / "relay.log"), start_worker(env, log)
    try:
        deadline = time.monotonic() + 60
        while count(dbs.shards["s1"], "SELECT count(*) FROM inbox") < MOVES:  # caught up
            assert time.monotonic() < deadline, log.read_text()[-3000:]
            time.sleep(0.2)
        for record_id in record_ids:
            app.bus.handle(move_command(record_id))
        while completed() == 0:
            assert time.monotonic() < deadline, log.read_text()[-3000:]
            time.sleep(0.05)
        worker.kill()
        worker.wait()
        at_kill = completed()
        time.sleep(2.0)
        worker = start_worker(env, log)
        started_at = time.monotonic()
        while log.read_text().count(READY) < 2:  # imports take seconds on a busy machine
            assert worker.poll() is None and time.monotonic() - started_at < 120
            time.sleep(0.05)
        restarted_at = time.monotonic()
        while completed() < MOVES and time.monotonic() - restarted_at < 60:
            time.sleep(0.1)
        took = time.monotonic() - restarted_at
    finally:
        stop(relay, worker)
        app.close()
    print(f"\n{at_kill}/{MOVES} sagas completed at the kill; all {completed()} {took:.1f} s "
          f"after the restart (process start: {restarted_at - started_at:.1f} s)")  # fmt: skip
    assert at_kill < MOVES, "the burst was over before the kill: nothing was tested"
    assert completed() == MOVES
    assert took <= 15.0

    moved_out = "SELECT count(*) FROM beneficiary_records WHERE status = 'moved_out'"
    assert count(origin, moved_out) == MOVES
    assert count(origin, "SELECT count(*) FROM beneficiary_records WHERE status = 'active'") == 0
    assert count(destination, "SELECT count(*) FROM beneficiary_records") == MOVES
    assert count(destination, "SELECT count(*) FROM record_changes WHERE kind = 'move_in'") == MOVES
    active = "SELECT count(*) FROM active_index WHERE active AND province_code = :p"
    assert count(dbs.global_url, active, p="04") == MOVES
    assert count(dbs.global_url, active, p="01") == 0
