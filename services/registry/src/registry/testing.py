"""Helpers for tests and benchmarks that need many real registry events on a Kafka topic.

``load_registrations(router, topic, rows, bootstrap)`` registers ``rows`` beneficiaries in
Phường Ba Đình (Hà Nội, shard of province 01) through the registry's own Excel import (one
commune file in the ministry template), then relays the shard outboxes to ``topic``; it returns
the number of events published. Used by the worker's no-retry test and its benchmark.
"""

from __future__ import annotations

import tempfile
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from ansinh_common.auth.principal import Principal
from ansinh_common.authz import CatalogUnitTree
from ansinh_common.catalogs.personal_id import Gender, make_personal_id
from ansinh_common.db import ShardRouter
from ansinh_common.messaging import OutboxRelay, create_idempotent_producer
from ansinh_templates.beneficiary_excel import TitleBlock, write_workbook
from registry.excel.importer import FileImporter, ImportMode, ImportOptions

OFFICER = Principal("load", "load.hanoi", frozenset({"province_officer"}), "01")
COMMUNE = ("Thành phố Hà Nội", "Phường Ba Đình", "00004")


def _row(n: int) -> dict[str, Any]:
    sex = Gender.MALE if n % 2 else Gender.FEMALE
    born = date(1930 + n % 10, 1 + n % 12, 1 + n % 28)
    return {
        "full_name": f"Nguyễn Văn Tải {n}" if sex is Gender.MALE else f"Trần Thị Tải {n}",
        "birth_date": born, "gender": "Nam" if sex is Gender.MALE else "Nữ",
        "personal_id": make_personal_id("001", sex, born.year, 200_000 + n),
        "ethnicity": "Kinh", "address": f"Tổ {n % 20 + 1}",
        "commune_name": COMMUNE[1], "commune_code": COMMUNE[2],
        "category": "5.5a", "coefficient": Decimal("2.0"), "monthly_amount": 1_000_000,
        "decision_number": f"{n}/QĐ-UBND", "decision_date": date(2024, 5, 10),
        "decision_authority": "UBND phường Ba Đình", "start_month": (2024, 6),
        "payment_method": "Tiền mặt tại xã",
    }  # fmt: skip


def commune_file(rows: int) -> bytes:
    """A first-load commune file of ``rows`` valid 80+ beneficiaries."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "00004.xlsx"
        title = TitleBlock(COMMUNE[0], COMMUNE[1], COMMUNE[2], (2025, 9))
        write_workbook(path, title, (_row(n) for n in range(1, rows + 1)))
        return path.read_bytes()


def load_registrations(router: ShardRouter, topic: str, rows: int, bootstrap: str) -> int:
    """Import ``rows`` registrations, relay every outbox to ``topic``; events published."""
    report = FileImporter(router, topic, CatalogUnitTree()).run(
        OFFICER, commune_file(rows), ImportOptions(mode=ImportMode.APPLY, file_name="00004.xlsx")
    )
    if report.rows_applied != rows:
        raise RuntimeError(f"import applied {report.rows_applied} of {rows} rows")
    published = 0
    for shard in router.shards():
        relay = OutboxRelay(
            router.engine(shard), lambda: create_idempotent_producer(bootstrap), batch_size=1000
        )
        while sent := relay.relay_once():
            published += sent
    return published
