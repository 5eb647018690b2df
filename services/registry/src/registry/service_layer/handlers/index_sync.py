"""Keep the global index in step with a record's state (one active record per category)."""

from __future__ import annotations

from registry.domain.rules.one_active_per_category import IndexEntry, check_can_register
from registry.domain.state import RecordState
from registry.service_layer.global_index import GlobalIndex


def index_key(state: RecordState | None) -> tuple[str, str] | None:
    """(personal ID, category) of an active record with an ID number, else ``None``."""
    if state is None or not state.active or not state.person.personal_id:
        return None
    return (state.person.personal_id, state.category.code)


def sync_index(
    index: GlobalIndex,
    record_id: str,
    province_code: str,
    before: RecordState | None,
    after: RecordState,
) -> None:
    """Claim, release or re-key the record's entry after a change; raises
    ``DuplicateActiveRecord``/``ActiveInAnotherProvince`` before touching anything."""
    old, new = index_key(before), index_key(after)
    if old == new:
        return
    if new is not None:
        check_can_register(index.find(new[0]), new[1], province_code, record_id)
    if old is not None:
        index.release(old[0], old[1], record_id)
    if new is not None:
        index.claim(IndexEntry(new[0], new[1], province_code, record_id))
