"""Shared helpers of the registry integration tests: migrated shard databases, test data."""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from sqlalchemy.pool import NullPool

from ansinh_common.auth.principal import Principal
from ansinh_common.catalogs.personal_id import Gender, make_personal_id
from ansinh_common.db import ShardRouter
from ansinh_common.db.targets import database_targets
from ansinh_common.runtime import default_province_shards
from registry.adapters.unit_of_work import uow_factory
from registry.bootstrap import message_bus
from registry.domain.category import CategoryRef
from registry.domain.commands import RegisterBeneficiary
from registry.domain.decision import Decision
from registry.domain.person import Contact, Person, Residence
from registry.entrypoints.migrate import migrate
from registry.service_layer.messagebus import MessageBus

HANOI = Residence("01", "00004")  # Phường Ba Đình, Hà Nội (shard s1)
HANOI_2 = Residence("01", "00008")  # Phường Ngọc Hà (s1)
CAO_BANG = Residence("04", "01273")  # Phường Thục Phán, Cao Bằng (shard s2)
HANOI_OFFICER = Principal("sub-hn", "canbo.hanoi", frozenset({"province_officer"}), "01")
CAO_BANG_OFFICER = Principal("sub-cb", "canbo.caobang", frozenset({"province_officer"}), "04")
MINISTRY = Principal(
    "sub-bo", "bo.canbo", frozenset({"ministry_officer", "domain_social_assistance"}), "VN"
)
ELDERLY_80 = CategoryRef("5.5a", "from_80")  # coefficient 2.0
SHARD_TABLES = (
    "beneficiary_records",
    "persons",
    "record_changes",
    "care_support_links",
    "data_quality_findings",
    "outbox",
    "inbox",
)

_serials = itertools.count(1)


@dataclass
class Cluster:
    """Three migrated shard databases and the global index, routed like development."""

    router: ShardRouter
    shard_urls: dict[str, str]
    global_url: str

    def bus(self, topic: str = "ansinh.registry.beneficiary.v1") -> MessageBus:
        return message_bus(uow_factory(self.router, topic))


def make_cluster(make_database: Any) -> Cluster:
    shards = {f"s{n}": make_database(f"registry_s{n}") for n in (1, 2, 3)}
    global_url = make_database("registry_global")
    migrate(database_targets(shards, global_url))
    return Cluster(ShardRouter(default_province_shards(), shards, global_url), shards, global_url)


def pid(gender: Gender = Gender.FEMALE, birth_year: int = 1940) -> str:
    return make_personal_id("001", gender, birth_year, 500_000 + next(_serials))


def person(**overrides: Any) -> Person:
    born = overrides.get("birth_date", date(1940, 3, 10))
    sex = overrides.get("gender", Gender.FEMALE)
    base = Person(
        full_name="Nguyễn Thị An",
        birth_date=born,
        gender=sex,
        residence=HANOI,
        personal_id=pid(sex, born.year),
        ethnicity_code="01",
        contact=Contact(phone="0912345678", address="Tổ 5"),
    )
    return replace(base, **overrides)


def decision(signed_on: date = date(2025, 8, 20), number: str = "123/QĐ-UBND") -> Decision:
    return Decision(number, signed_on, "01")


def register(**overrides: Any) -> RegisterBeneficiary:
    base = RegisterBeneficiary(
        principal=HANOI_OFFICER,
        person=person(),
        category=ELDERLY_80,
        coefficient=Decimal("2.0"),
        decision=decision(),
    )
    return replace(base, **overrides)


def table_checksums(url: str, tables: Sequence[str] = SHARD_TABLES) -> dict[str, str]:
    """md5 of every table's rows in a stable order (compare a database before and after)."""
    engine = sa.create_engine(url, poolclass=NullPool)
    out = {}
    try:
        with engine.connect() as conn:
            for table in tables:
                rows = conn.execute(
                    sa.text(f"SELECT t::text FROM {table} t ORDER BY t::text")
                ).scalars()
                digest = hashlib.md5(usedforsecurity=False)
                count = 0
                for row in rows:
                    digest.update(row.encode())
                    count += 1
                out[table] = f"{count}:{digest.hexdigest()}"
    finally:
        engine.dispose()
    return out


def scalar(url: str, sql: str, **params: Any) -> Any:
    engine = sa.create_engine(url, poolclass=NullPool)
    try:
        with engine.connect() as conn:
            return conn.execute(sa.text(sql), params).scalar()
    finally:
        engine.dispose()


# -- Excel files -----------------------------------------------------------------------------

BA_DINH = ("Thành phố Hà Nội", "Phường Ba Đình", "00004")


def template_row(
    n: int, commune: tuple[str, str, str] = BA_DINH, **overrides: Any
) -> dict[str, Any]:
    """A valid row of a first load (no change type, no record code): an 80+ elderly person."""
    sex = Gender.MALE if n % 2 else Gender.FEMALE
    born = date(1930 + n % 10, 1 + n % 12, 1 + n % 28)
    row: dict[str, Any] = {
        "full_name": f"Nguyễn Văn Thử {n}" if sex is Gender.MALE else f"Trần Thị Thử {n}",
        "birth_date": born,
        "gender": "Nam" if sex is Gender.MALE else "Nữ",
        "personal_id": make_personal_id("001", sex, born.year, 100_000 + n),
        "ethnicity": "Kinh",
        "address": f"Tổ {n % 20 + 1}",
        "commune_name": commune[1],
        "commune_code": commune[2],
        "category": "5.5a",
        "coefficient": Decimal("2.0"),
        "monthly_amount": 1_000_000,
        "decision_number": f"{n}/QĐ-UBND",
        "decision_date": date(2024, 5, 10),
        "decision_authority": "UBND phường Ba Đình",
        "start_month": (2024, 6),
        "payment_method": "Tiền mặt tại xã",
    }
    row.update(overrides)
    return row


def write_file(rows: Sequence[dict[str, Any]], commune: tuple[str, str, str] = BA_DINH) -> bytes:
    """The rows in the ministry template (ansinh_templates writer), as bytes."""
    import tempfile
    from pathlib import Path

    from ansinh_templates.beneficiary_excel import TitleBlock, write_workbook

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "file.xlsx"
        write_workbook(path, TitleBlock(commune[0], commune[1], commune[2], (2025, 9)), rows)
        return path.read_bytes()
