"""Read use cases: a record as of a date, a person's entitlement for a month, completeness, and
the read side (search, list of changes) scoped to the units the caller may read (ADR 0006)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from ansinh_common.auth.principal import Principal
from ansinh_common.authz import Kind
from ansinh_common.authz.roles import role_specs
from ansinh_common.catalogs.admin_units import CatalogVersion, find_unit
from ansinh_common.errors import FieldError, InvalidInput, PermissionDenied
from registry.domain.changes import AnyChange
from registry.domain.data_quality import Completeness, Finding, UnitLevel, completeness, findings
from registry.domain.errors import RecordNotFound
from registry.domain.months import Month
from registry.domain.move import MoveProgress
from registry.domain.rules.highest_coefficient import Entitlement, PaidSelection, select_paid
from registry.domain.state import RecordState
from registry.service_layer.access import Access
from registry.service_layer.dependencies import Dependencies
from registry.service_layer.ports import (
    ChangeFilter,
    Page,
    PaymentSnapshot,
    RecordReads,
    SearchFilter,
    page_size,
)

OFFICIAL_KINDS = frozenset({Kind.OFFICER, Kind.LEADER})


@dataclass(frozen=True, slots=True)
class RecordView:
    record_id: str
    province_code: str
    version: int
    as_of: date | None
    state: RecordState
    findings: tuple[Finding, ...]
    history: tuple[AnyChange, ...]  # the changes in force on ``as_of`` (all if None)
    move: MoveProgress | None


def get_record(
    principal: Principal,
    province_code: str,
    record_id: str,
    deps: Dependencies,
    as_of: date | None = None,
) -> RecordView:
    """The record as it stood on ``as_of`` (now if ``None``); ``RecordNotFound`` if it did not
    exist then."""
    with deps.uow(province_code) as uow:
        record = uow.records.get(record_id)
        state = None if record is None else (record.as_of(as_of) if as_of else record.state)
        if record is None or state is None:
            raise RecordNotFound(record_id)
        deps.access.require_read(principal, record.state.person)
        history = tuple(c for c in record.history if as_of is None or c.effective_on <= as_of)
        return RecordView(
            record_id, record.province_code, record.version, as_of, state, findings(state),
            history, record.move,
        )  # fmt: skip


def entitlement_for_month(
    principal: Principal, province_code: str, personal_id: str, month: Month, deps: Dependencies
) -> PaidSelection:
    """Which of the person's records pay for ``month`` (Decree 20/2021 Art. 6.2, Art. 8)."""
    with deps.uow(province_code) as uow:
        records = uow.records.for_person(personal_id)
        if records:
            deps.access.require_read(principal, records[0].state.person)
        paid: list[Entitlement] = []
        for record in records:
            state = record.for_month(month)
            if state is not None and state.paid_in(month):
                paid.append(Entitlement(record.record_id, state.category, state.coefficient))
        return select_paid(paid)


def completeness_report(
    principal: Principal,
    province_code: str,
    level: UnitLevel,
    deps: Dependencies,
    catalog_version: str = "2025",
) -> dict[tuple[str, str], Completeness]:
    """Completeness of the active records of a province, per unit of ``level``."""
    deps.access.require_read_unit(principal, province_code, catalog_version)
    with deps.uow(province_code) as uow:
        states = (r.state for r in uow.records.in_units(province_code))
        return completeness((s for s in states if s.active), level)


# -- the read side: search and the list of changes, limited to a unit the caller may read ----


@dataclass(frozen=True, slots=True)
class SearchQuery:
    """A search as asked (``SearchRecords``); ``status`` is a ``RecordStatus`` value."""

    province_code: str | None = None
    unit_code: str | None = None
    name: str | None = None
    personal_id: str | None = None
    category_code: str | None = None
    status: str | None = None
    with_findings: bool = False
    page_size: int = 0
    page_token: str = ""


@dataclass(frozen=True, slots=True)
class ChangesQuery:
    """A list of changes as asked (``ListChanges``)."""

    province_code: str | None = None
    unit_code: str | None = None
    kinds: tuple[str, ...] = ()
    effective_from: date | None = None
    effective_to: date | None = None
    page_size: int = 0
    page_token: str = ""


def search_records(
    principal: Principal, query: SearchQuery, reads: RecordReads, access: Access
) -> Page:
    """Records matching ``query`` in one province (or commune) the principal may read; a
    citizen searches only their own records (by their personal ID number)."""
    personal_id = query.personal_id
    if principal.has_role("citizen") and not is_official(principal):
        if not principal.national_id:
            raise PermissionDenied("Tài khoản chưa có số định danh cá nhân.")
        personal_id = principal.national_id
    province, commune = _search_scope(principal, query, personal_id, reads, access)
    size = page_size(query.page_size)
    flt = SearchFilter(
        province_code=province, commune_code=commune, name=query.name,
        personal_id=personal_id, category_code=query.category_code, status=query.status,
        with_findings=query.with_findings,
    )  # fmt: skip
    return reads.search(flt, size, query.page_token)


def _search_scope(
    principal: Principal,
    query: SearchQuery,
    personal_id: str | None,
    reads: RecordReads,
    access: Access,
) -> tuple[str, str | None]:
    """(province, commune or None) of a search; checks read access to that unit."""
    unit = query.unit_code
    official = is_official(principal)
    defaulted = unit is None and official and principal.unit_code not in (None, "VN")
    if defaulted:
        unit = principal.unit_code
    province = query.province_code
    commune = None
    if unit is not None and len(unit) == 5:
        found = find_unit(unit, CatalogVersion.V2025)
        if found is None or found.parent_code is None:
            raise InvalidInput(errors=[FieldError("unit_code", "Mã xã không hợp lệ.")])
        if province is not None and found.parent_code != province:
            if not defaulted:
                raise InvalidInput(errors=[FieldError("unit_code", "Xã không thuộc tỉnh đã chọn.")])
            # the caller's own commune is not in the province asked for: the question is about
            # that province, answered as for any official (403 out of scope; issue 9)
            access.require_search(principal, province, personal_id)
        commune, province = unit, province or found.parent_code
    elif unit is not None:
        province = province or unit
    if province is None and personal_id:
        province = reads.province_of_person(personal_id)
    if province is None:
        raise InvalidInput(
            "Hãy chọn tỉnh (province_code), đơn vị (unit_code) hoặc số định danh.",
            errors=[FieldError("province_code", "Bắt buộc nhập.", "required")],
        )
    # searching is reading, for everyone: a system administrator reads no record (issue 9)
    access.require_search(principal, commune or province, personal_id)
    return province, commune


def list_changes(
    principal: Principal, query: ChangesQuery, reads: RecordReads, access: Access
) -> Page:
    """Changes in a province, or in the caller's own commune in it, newest first."""
    province = query.province_code or _province_of(query.unit_code or principal.unit_code)
    unit = query.unit_code or _own_unit_in(principal, province)
    access.require_read_unit(principal, unit, "2025")
    commune = unit if len(unit) == 5 else None
    flt = ChangeFilter(
        province_code=province, commune_code=commune, kinds=query.kinds,
        effective_from=query.effective_from, effective_to=query.effective_to,
    )  # fmt: skip
    size = page_size(query.page_size)
    return reads.list_changes(flt, size, query.page_token)


def _province_of(unit_code: str | None) -> str:
    """The province of a province (2 digits) or commune (5 digits, 2025 catalog) code."""
    if unit_code and len(unit_code) == 2 and unit_code.isdigit():
        return unit_code
    unit = find_unit(unit_code, CatalogVersion.V2025) if unit_code and len(unit_code) == 5 else None
    if unit is None or unit.parent_code is None:
        raise InvalidInput(
            "Hãy chọn tỉnh (province_code) hoặc đơn vị (unit_code).",
            errors=[FieldError("province_code", "Bắt buộc nhập.", "required")],
        )
    return unit.parent_code


def _own_unit_in(principal: Principal, province_code: str) -> str:
    """The caller's own commune if it lies in ``province_code``, else the province."""
    own = principal.unit_code
    unit = find_unit(own, CatalogVersion.V2025) if own and len(own) == 5 else None
    return own if unit is not None and own and unit.parent_code == province_code else province_code


def is_official(principal: Principal) -> bool:
    """Does the principal hold an officer's or a leader's role (authz role kinds)?"""
    return any(spec.kind in OFFICIAL_KINDS for spec in role_specs(principal.roles))


INTERNAL_SERVICE_ROLE = "internal_service"
MSG_COUNT_REFUSED = "Chỉ dịch vụ nội bộ hoặc cán bộ cấp Bộ được đếm hồ sơ theo tỉnh."


def count_beneficiaries(
    principal: Principal, province_code: str, reads: RecordReads
) -> tuple[str, dict[str, int]]:
    """(shard, records per status) of one province, for the reporting reconciliation."""
    ministry = principal.unit_code == "VN" and is_official(principal)
    if not (principal.has_role(INTERNAL_SERVICE_ROLE) or ministry):
        raise PermissionDenied(MSG_COUNT_REFUSED)
    if find_unit(province_code, CatalogVersion.V2025) is None or len(province_code) != 2:
        msg = f"Mã tỉnh '{province_code}' không có trong danh mục 2025."
        raise InvalidInput(msg, errors=[FieldError("province_code", msg)])
    return reads.count_by_status(province_code)


MSG_SNAPSHOT_REFUSED = "Chỉ dịch vụ nội bộ được lấy ảnh chụp hồ sơ chi trả của tỉnh."
SNAPSHOT_BATCH = 500


def payment_snapshot(
    principal: Principal, province_code: str, reads: RecordReads
) -> Iterator[PaymentSnapshot]:
    """The payment profiles of every record of a province as of one moment, with the outbox
    position it corresponds to (the payment service rebuilds a shard from it, ADR 0027).
    Personal data of a whole province: internal services only."""
    if not principal.has_role(INTERNAL_SERVICE_ROLE):
        raise PermissionDenied(MSG_SNAPSHOT_REFUSED)
    _known_province(province_code)
    return reads.payment_snapshot(province_code, SNAPSHOT_BATCH)


def _known_province(province_code: str) -> None:
    if find_unit(province_code, CatalogVersion.V2025) is None or len(province_code) != 2:
        msg = f"Mã tỉnh '{province_code}' không có trong danh mục 2025."
        raise InvalidInput(msg, errors=[FieldError("province_code", msg)])
