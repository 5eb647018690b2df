"""An import killed (SIGKILL) in the middle of its apply leaves the shard exactly as it was."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest

from ansinh_common.authz import CatalogUnitTree
from registry.adapters.index_sync import reconcile_unconfirmed
from registry.excel.importer import FileImporter, ImportMode, ImportOptions

from .support import (
    HANOI_OFFICER,
    Cluster,
    scalar,
    table_checksums,
    template_row,
    write_file,
)

pytestmark = pytest.mark.integration
ROWS = 6000
KILL_AFTER_ROWS_WRITTEN = 2000
ACTIVE_INDEX = "SELECT count(*) FROM active_index WHERE active"


def test_sigkill_during_apply_leaves_the_shard_and_the_index_unchanged(
    cluster: Cluster, tmp_path: Path
) -> None:
    # the shard already holds data (an earlier import), so "unchanged" means something
    importer = FileImporter(cluster.router, "ansinh.registry.beneficiary.v1", CatalogUnitTree())
    earlier = write_file([template_row(n) for n in range(1, 41)])
    done = importer.run(HANOI_OFFICER, earlier, ImportOptions(mode=ImportMode.APPLY))
    assert done.applied and done.rows_applied == 40
    s1 = cluster.shard_urls["s1"]
    before = table_checksums(s1)
    index_before = scalar(cluster.global_url, ACTIVE_INDEX)

    path = tmp_path / "00004.xlsx"
    path.write_bytes(write_file([template_row(n) for n in range(1000, 1000 + ROWS)]))
    env = {
        **os.environ,
        "ANSINH_SHARDS": json.dumps(cluster.shard_urls),
        "ANSINH_GLOBAL_DB_URL": cluster.global_url,
    }
    proc = subprocess.Popen(
        [sys.executable, "-m", "registry.entrypoints.import_cli", str(path), "--unit", "01",
         "--apply", "--batch-rows", "250"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    written = 0
    seen: list[dict[str, object]] = []
    try:
        assert proc.stdout is not None
        for line in proc.stdout:
            doc = json.loads(line)
            seen.append(doc)
            if doc.get("phase") == "writing":
                written = int(str(doc["rows_done"]))
                if written >= KILL_AFTER_ROWS_WRITTEN:
                    proc.send_signal(signal.SIGKILL)
                    break
    finally:
        proc.wait(timeout=120)
    assert proc.returncode == -signal.SIGKILL, (proc.returncode, seen[-3:], proc.stderr)
    assert KILL_AFTER_ROWS_WRITTEN <= written < ROWS
    assert not any(d.get("phase") == "done" for d in seen)

    _wait_for_backends_to_end(s1)
    assert table_checksums(s1) == before
    # claims of the killed import were written unconfirmed; the reconcile withdraws them
    reconcile_unconfirmed(cluster.router, older_than=timedelta(0))
    assert scalar(cluster.global_url, ACTIVE_INDEX) == index_before
    assert scalar(cluster.global_url, "SELECT bool_and(confirmed) FROM active_index WHERE active")

    # and the same file then applies completely
    again = importer.run(HANOI_OFFICER, path.read_bytes(), ImportOptions(mode=ImportMode.APPLY))
    assert again.applied and again.rows_applied == ROWS
    assert scalar(s1, "SELECT count(*) FROM beneficiary_records") == 40 + ROWS


def _wait_for_backends_to_end(url: str, timeout: float = 30.0) -> None:
    """PostgreSQL aborts the dead client's transaction once it notices the closed socket."""
    name = url.rsplit("/", 1)[-1]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        busy = scalar(
            url,
            "SELECT count(*) FROM pg_stat_activity WHERE datname = :d AND pid <> pg_backend_pid() "
            "AND state IN ('active', 'idle in transaction', 'idle in transaction (aborted)')",
            d=name,
        )
        if busy == 0:
            return
        time.sleep(0.2)
    raise AssertionError("the killed import's transaction is still open")
