"""A person has at most one active record per category, nationwide.

Records live in per-province shards, so the check is made against the global index by
personal ID number (``service_layer.global_index``). The rule also keeps all of a person's
active records in one province: a person who already receives assistance elsewhere moves
(chuyển đi / chuyển đến) instead of being registered again.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from registry.domain.errors import ActiveInAnotherProvince, DuplicateActiveRecord

LEGAL_BASIS = (
    "Decree 20/2021/NĐ-CP Art. 6.2 (one allowance per group; highest only) and Art. 8 "
    "(moves of residence); Circular 11/2019/TT-BLĐTBXH Art. 3 (one national database)"
)


@dataclass(frozen=True, slots=True)
class IndexEntry:
    """One active record as the global index knows it."""

    personal_id: str
    category_code: str
    province_code: str
    record_id: str


def check_can_register(
    entries: Iterable[IndexEntry], category_code: str, province_code: str, record_id: str = ""
) -> None:
    """Raise if the person already has an active record of ``category_code`` (other than
    ``record_id``) or active records in another province."""
    others = [e for e in entries if e.record_id != record_id]
    for entry in others:
        if entry.category_code == category_code:
            raise DuplicateActiveRecord(category_code, entry.province_code, entry.record_id)
    for entry in others:
        if entry.province_code != province_code:
            raise ActiveInAnotherProvince(entry.province_code)


def check_can_move_in(
    entries: Iterable[IndexEntry], category_code: str, origin_record_id: str
) -> None:
    """A record moving in may take over only its own index entry (the person's other records
    may still be in the old province, each moving by its own saga)."""
    for entry in entries:
        if entry.category_code == category_code and entry.record_id != origin_record_id:
            raise DuplicateActiveRecord(category_code, entry.province_code, entry.record_id)
