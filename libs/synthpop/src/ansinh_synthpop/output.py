"""Row files (CSV for PostgreSQL ``COPY ... WITH (FORMAT csv, HEADER true)``) and their schema.

Empty fields are unquoted, so COPY reads them as NULL; dates are ISO ``YYYY-MM-DD``; months are
``YYYY-MM``; ``deprived_indicators`` is a PostgreSQL array literal (``{a,b}``). Files are
UTF-8 with ``\\n`` line ends. The injected defects are listed in ``defects.csv`` only: the
other files carry no marker of them.
"""

from __future__ import annotations

import csv
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

ENTITIES: dict[str, tuple[str, ...]] = {
    "households": (
        "household_id", "commune_code", "province_code", "address", "area", "head_person_id",
        "member_count",
    ),
    "persons": (
        "person_id", "household_id", "commune_code", "relation", "family_name", "middle_name",
        "given_name", "full_name", "gender", "birth_date", "ethnicity_code", "personal_id",
        "birth_province_code",
    ),
    "beneficiaries": (
        "beneficiary_id", "person_id", "household_id", "commune_code", "category_code",
        "coefficient_condition", "coefficient", "standard_level", "monthly_amount",
        "disability_type_code", "disability_level_code", "decision_number", "decision_date",
        "decision_authority", "start_month", "payment_channel_code", "account_number",
        "change_type", "effective_date",
    ),
    "poor_households": (
        "household_id", "commune_code", "review_year", "standard_code", "area",
        "classification", "income_per_capita", "deprivation_count", "deprived_indicators",
    ),
    "defects": ("entity", "record_id", "defect", "detail"),
}  # fmt: skip

_TYPES: dict[str, str] = {
    "household_id": "bigint", "head_person_id": "bigint", "member_count": "integer",
    "person_id": "bigint", "birth_date": "date", "beneficiary_id": "bigint",
    "coefficient": "numeric(4,1)", "standard_level": "integer", "monthly_amount": "integer",
    "decision_date": "date", "effective_date": "date", "review_year": "integer",
    "income_per_capita": "integer", "deprivation_count": "integer",
    "deprived_indicators": "text[]", "record_id": "bigint",
}  # fmt: skip


def schema_sql(prefix: str = "synth_") -> str:
    """CREATE TABLE statements and psql ``\\copy`` lines for the row files."""
    out = []
    for entity, cols in ENTITIES.items():
        body = ",\n".join(f"  {c} {_TYPES.get(c, 'text')}" for c in cols)
        out.append(f"CREATE TABLE IF NOT EXISTS {prefix}{entity} (\n{body}\n);")
    out += [f"\\copy {prefix}{e} FROM '{e}.csv' WITH (FORMAT csv, HEADER true)" for e in ENTITIES]
    return "\n".join(out) + "\n"


Writer = Callable[[Any], Any]


class Sink:
    """One CSV writer per entity over open text streams (final files or per-province parts)."""

    def __init__(self, streams: dict[str, IO[str]]) -> None:
        self.streams = streams
        w = {e: csv.writer(s, lineterminator="\n") for e, s in streams.items()}
        self.household: Writer = w["households"].writerow
        self.person: Writer = w["persons"].writerow
        self.beneficiary: Writer = w["beneficiaries"].writerow
        self.poor: Writer = w["poor_households"].writerow
        self.defect: Writer = w["defects"].writerow


def open_streams(directory: Path, suffix: str = ".csv", header: bool = True) -> dict[str, IO[str]]:
    directory.mkdir(parents=True, exist_ok=True)
    out: dict[str, IO[str]] = {}
    for entity, cols in ENTITIES.items():
        f = open(  # noqa: SIM115 - closed by close_streams
            directory / f"{entity}{suffix}", "w", encoding="utf-8", newline="",
            buffering=1 << 20,
        )  # fmt: skip
        if header:
            csv.writer(f, lineterminator="\n").writerow(cols)
        out[entity] = f
    return out


def close_streams(streams: dict[str, IO[str]]) -> None:
    for f in streams.values():
        f.close()


def append_part(target: IO[str], part: Path) -> None:
    """Append a part file (no header) to an open final file, then delete the part."""
    target.flush()
    with open(part, "rb") as src:
        shutil.copyfileobj(src, target.buffer, 1 << 20)  # type: ignore[attr-defined]
    part.unlink()
