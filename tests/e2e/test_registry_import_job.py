"""A 20,000-row commune file imported as a job over REST, across a gateway restart.

The officer starts the import (202 + Location), polls its progress while it runs (phase, rows
done of total, a percent that only grows), the gateway is stopped and a new one started in
the middle (the job lives in the registry's database, not in the gateway), and the new
gateway serves the result and the error workbook of the rejected rows.
"""

from __future__ import annotations

import io
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from ansinh_common.catalogs.personal_id import Gender, make_personal_id
from ansinh_common.runtime import default_province_shards
from ansinh_common.runtime.testing import migrate_fresh_databases
from ansinh_common.testing import Servers
from ansinh_templates.beneficiary_excel import TitleBlock, write_workbook
from gateway.testing import gateway_client
from identity.testing import password_token
from registry.bootstrap import bootstrap
from registry.config import RegistrySettings
from registry.entrypoints.grpc_server import start
from registry.entrypoints.migrate import GLOBAL_INI, SHARD_INI

pytestmark = pytest.mark.e2e

ROWS = 20_000
BAD_EVERY = 400  # rows 400, 800, …: a gender that is neither 'Nam' nor 'Nữ'
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
API = "/api/v1"


def _row(n: int) -> dict[str, Any]:
    born = date(1930 + n % 15, 1 + n % 12, 1 + n % 28)
    return {
        "full_name": f"Phạm Thị Nhập {n}", "birth_date": born,
        "gender": "?" if n % BAD_EVERY == 0 else "Nữ",
        "personal_id": make_personal_id("001", Gender.FEMALE, born.year, 100_000 + n),
        "ethnicity": "Kinh", "commune_name": "Phường Ba Đình", "commune_code": "00004",
        "category": "5.5a", "coefficient": Decimal("2.0"), "decision_number": f"{n}/QĐ",
        "decision_date": date(2024, 5, 10), "decision_authority": "UBND phường Ba Đình",
        "start_month": (2024, 6), "payment_method": "Tiền mặt tại xã",
    }  # fmt: skip


@pytest.fixture
def backends(servers: Servers, make_database: Callable[[str], str]) -> Iterator[dict[str, str]]:
    dbs = migrate_fresh_databases(
        make_database, RegistrySettings, SHARD_INI, global_ini_path=GLOBAL_INI
    )
    settings = RegistrySettings(
        shards=dbs.shards, province_shards=default_province_shards(sorted(dbs.shards)),
        global_db_url=dbs.global_url, metrics_port=None,
    )  # fmt: skip
    app = bootstrap(settings)
    server, port = start(app, port=0)
    try:
        yield {"registry": f"127.0.0.1:{port}"}
    finally:
        server.stop(0).wait()
        app.close()


def test_20000_row_import_job_survives_a_gateway_restart(
    servers: Servers, backends: dict[str, str]
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "00004.xlsx"
        title = TitleBlock("Thành phố Hà Nội", "Phường Ba Đình", "00004", (2025, 10))
        write_workbook(path, title, (_row(n) for n in range(1, ROWS + 1)))
        content = path.read_bytes()
    grant = password_token(servers.keycloak_url, "xa.canbo", "demo123")
    auth = {"Authorization": f"Bearer {grant['access_token']}"}

    seen: list[dict[str, Any]] = []
    with gateway_client(servers.redis_url, servers.keycloak_url, backends) as gateway:
        started = gateway.post(
            f"{API}/beneficiaries/import", params={"mode": "apply_valid_only"},
            files={"file": ("00004.xlsx", content, XLSX)}, headers=auth,
        )  # fmt: skip
        assert started.status_code == 202, started.text
        location = started.headers["location"]
        job_id = started.json()["job_id"]
        assert location == f"{API}/jobs/registry/{job_id}"
        assert started.json()["state"] in ("queued", "running")
        while len({p["progress"]["percent"] for p in seen if p["state"] == "running"}) < 2:
            seen.append(_poll(gateway, location, auth))
            assert seen[-1]["state"] != "failed", seen[-1]
            assert seen[-1]["state"] != "succeeded", "finished before two polls: too fast to see"

    with gateway_client(servers.redis_url, servers.keycloak_url, backends) as restarted:
        deadline = time.monotonic() + 240
        while seen[-1]["state"] not in ("succeeded", "failed"):
            assert time.monotonic() < deadline, "the import job did not end"
            seen.append(_poll(restarted, location, auth))
        assert seen[-1]["state"] == "succeeded", seen[-1]
        result = restarted.get(f"{location}/result", headers=auth)
        assert result.status_code == 200, result.text
        report = result.json()
        errors = restarted.get(f"{location}/files/error_workbook", headers=auth)
        assert errors.status_code == 200, errors.text
        other = password_token(servers.keycloak_url, "tinh.hanoi", "demo123")["access_token"]
        foreign = restarted.get(location, headers={"Authorization": f"Bearer {other}"})
        total = restarted.get(f"{API}/beneficiaries", params={"page_size": 1}, headers=auth)

    running = [p["progress"] for p in seen if p["state"] == "running"]
    percents = [p["percent"] for p in running]
    assert len(set(percents)) >= 3, percents  # at least three polls with growing percent
    assert percents == sorted(percents), percents  # and it never went back
    assert all(p["total"] >= 19_000 and p["unit"] == "rows" for p in running), running[:3]
    assert {p["phase"] for p in running} <= {"validating", "writing", "done"}
    assert seen[-1]["progress"]["percent"] == 100 and seen[-1]["finished_at"]

    bad = ROWS // BAD_EVERY
    assert (report["rows_total"], report["rows_rejected"], report["rows_applied"]) == (
        ROWS, bad, ROWS - bad,
    )  # fmt: skip
    assert report["applied"] is True and report["mode"] == "apply_valid_only"
    assert report["errors"][0]["text"].startswith(f"Dòng {9 + BAD_EVERY}, cột 'Giới tính'")
    assert [f["name"] for f in seen[-1]["files"]] == ["error_workbook"]
    assert errors.headers["content-type"] == XLSX
    assert "loi-00004.xlsx" in errors.headers["content-disposition"]
    sheet = load_workbook(io.BytesIO(errors.content), read_only=True).worksheets[0]
    rejected = [r for r in sheet.iter_rows(min_row=10, values_only=True) if any(r)]
    assert len(rejected) == bad
    assert foreign.status_code == 403  # only who started the job may read it
    assert total.json()["total"] == ROWS - bad


def _poll(client: Any, location: str, auth: dict[str, str]) -> dict[str, Any]:
    time.sleep(0.05)
    answer = client.get(location, headers=auth)
    assert answer.status_code == 200, answer.text
    job: dict[str, Any] = answer.json()
    return job
