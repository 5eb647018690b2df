"""Export of a commune's beneficiaries in the ministry template (step 1 of the Excel cycle).

Rows come from the derived tables of the province's shard (streamed), ordered by name; the
amount is standard level × coefficient (Decree 20/2021/NĐ-CP Art. 6.1; Decree 76/2024 level,
or the province's if higher). Records of the pre-2025 catalog are listed once mapped to a
2025 commune (they are not, yet: only records kept in the 2025 catalog are exported).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import RowMapping
from sqlalchemy.orm import Session

from ansinh_common.catalogs.admin_units import CatalogVersion, Level, find_unit
from ansinh_common.catalogs.disability import get_disability_level, get_disability_type
from ansinh_common.catalogs.ethnicities import find_ethnicity
from ansinh_common.catalogs.payment_channels import get_payment_channel
from ansinh_common.catalogs.standard_levels import standard_level
from ansinh_common.db import ShardRouter
from ansinh_common.errors import InvalidInput
from ansinh_templates.beneficiary_excel import (
    GENDER_LABELS,
    PAYMENT_METHOD_LABELS,
    TitleBlock,
)
from registry.adapters.orm import beneficiary_records, persons
from registry.excel.workbook import write_commune_file


@dataclass(frozen=True, slots=True)
class ExportedFile:
    content: bytes
    file_name: str
    rows: int


def export_commune(
    router: ShardRouter,
    commune_code: str,
    period: tuple[int, int],
    *,
    include_ended: bool = False,
) -> ExportedFile:
    """The workbook of ``commune_code`` (2025 catalog); access is checked by the caller."""
    commune = find_unit(commune_code, CatalogVersion.V2025)
    if commune is None or commune.level is not Level.COMMUNE or commune.parent_code is None:
        raise InvalidInput(f"Mã xã {commune_code} không có trong danh mục đơn vị hành chính 2025.")
    province = find_unit(commune.parent_code, CatalogVersion.V2025)
    assert province is not None
    title = TitleBlock(province.name, commune.name, commune.code, period)
    level = standard_level(province.code, *period)
    with router.session(province.code) as session:
        content, count = write_commune_file(
            title, _rows(session, commune.code, commune.name, level, include_ended)
        )
    year, month = period
    return ExportedFile(content, f"DS_BTXH_{commune.code}_{year}{month:02d}.xlsx", count)


def _rows(
    session: Session, commune_code: str, commune_name: str, level: int, include_ended: bool
) -> Iterator[dict[str, Any]]:
    p, r = persons, beneficiary_records
    query = (
        select(p, r)
        .join(r, r.c.record_id == p.c.record_id)
        .where(p.c.commune_code == commune_code, p.c.catalog_version == "2025")
        .order_by(p.c.name_folded, p.c.record_id)
    )
    if not include_ended:
        query = query.where(r.c.status == "active")
    for row in session.execute(query.execution_options(yield_per=2000)).mappings():
        yield _template_row(row, commune_name, level)


def _template_row(row: RowMapping, commune_name: str, level: int) -> dict[str, Any]:
    coefficient = Decimal(row["coefficient"])
    amount = (coefficient * level).quantize(Decimal(1), ROUND_HALF_UP)
    channel = row["payment_channel_code"]
    start_y, start_m = (int(x) for x in row["start_month"].split("-"))
    return {
        "beneficiary_code": row["record_id"],
        "full_name": row["full_name"],
        "birth_date": row["birth_date"],
        "gender": GENDER_LABELS.get(row["gender"], row["gender"]),
        "personal_id": row["personal_id"],
        "ethnicity": _ethnicity(row["ethnicity_code"]),
        "address": row["address"],
        "commune_name": commune_name,
        "commune_code": row["commune_code"],
        "category": row["category_code"],
        "coefficient": coefficient,
        "monthly_amount": int(amount) if row["status"] == "active" else None,
        "disability_type": _disability_type(row["disability_type_code"]),
        "disability_level": _disability_level(row["disability_level_code"]),
        "decision_number": row["decision_number"],
        "decision_date": row["decision_signed_on"],
        "decision_authority": row["decision_unit"],
        "start_month": (start_y, start_m),
        "payment_method": _payment_method(channel),
        "account_number": row["account_number"],
        "account_provider": _provider(channel) if row["account_number"] else None,
    }


@cache
def _ethnicity(code: str | None) -> str | None:
    found = find_ethnicity(code) if code else None
    return found.name if found else None


@cache
def _disability_type(code: str | None) -> str | None:
    return get_disability_type(code).name if code else None


@cache
def _disability_level(code: str | None) -> str | None:
    return get_disability_level(code).name if code else None


@cache
def _payment_method(channel: str | None) -> str | None:
    if not channel:
        return None
    return PAYMENT_METHOD_LABELS.get(str(get_payment_channel(channel).kind))


@cache
def _provider(channel: str | None) -> str | None:
    if not channel:
        return None
    found = get_payment_channel(channel)
    return found.name if found.needs_account else None
