"""The read side's scoping (``service_layer.queries``): which unit a search or a list of
changes is limited to, and who may ask, decided without a database (a fake ``RecordReads``)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest

from ansinh_common.auth.principal import Principal
from ansinh_common.authz import AccessDenied, CatalogUnitTree
from ansinh_common.errors import InvalidInput, PermissionDenied
from registry.service_layer.access import Access
from registry.service_layer.ports import ChangeFilter, Page, PaymentSnapshot, SearchFilter
from registry.service_layer.queries import (
    ChangesQuery,
    SearchQuery,
    is_official,
    list_changes,
    payment_snapshot,
    search_records,
)

from .builders import CAO_BANG_OFFICER, COMMUNE_OFFICER, HANOI_OFFICER, citizen

ACCESS = Access(CatalogUnitTree())
MINISTRY = Principal(
    "sub-bo", "bo.canbo", frozenset({"ministry_officer", "domain_social_assistance"}), "VN"
)
ADMIN = Principal("sub-ad", "bo.admin", frozenset({"system_admin"}), "VN")


@dataclass
class FakeReads:
    """Records what it was asked; the global index knows one person in Hồ Chí Minh City."""

    searches: list[SearchFilter] = field(default_factory=list)
    changes: list[ChangeFilter] = field(default_factory=list)
    index: dict[str, str] = field(default_factory=lambda: {"079150000001": "79"})

    def search(self, f: SearchFilter, size: int, token: str) -> Page:
        self.searches.append(f)
        return Page([], "", size)

    def list_changes(self, f: ChangeFilter, size: int, token: str) -> Page:
        self.changes.append(f)
        return Page([], "", size)

    def province_of_person(self, personal_id: str) -> str | None:
        return self.index.get(personal_id)

    def count_by_status(self, province_code: str) -> tuple[str, dict[str, int]]:
        raise AssertionError("not used by these tests")

    def payment_snapshot(self, province_code: str, batch_size: int) -> Iterator[PaymentSnapshot]:
        return iter([])


def test_a_commune_officer_searches_their_own_commune_by_default() -> None:
    reads = FakeReads()
    page = search_records(COMMUNE_OFFICER, SearchQuery(name="Lan"), reads, ACCESS)
    assert reads.searches == [SearchFilter("01", "00004", name="Lan")]
    assert page.total == 50  # the default page size


def test_a_province_officer_searches_their_province_and_not_another() -> None:
    reads = FakeReads()
    search_records(HANOI_OFFICER, SearchQuery(unit_code="00008"), reads, ACCESS)
    assert reads.searches == [SearchFilter("01", "00008")]
    with pytest.raises(AccessDenied):
        search_records(CAO_BANG_OFFICER, SearchQuery(province_code="01"), reads, ACCESS)


def test_a_citizen_searches_only_their_own_records() -> None:
    reads = FakeReads()
    search_records(citizen("079150000001"), SearchQuery(personal_id="001090012345"), reads, ACCESS)
    assert reads.searches == [SearchFilter("79", None, personal_id="079150000001")]
    with pytest.raises(PermissionDenied, match="số định danh"):
        search_records(citizen(""), SearchQuery(province_code="01"), reads, ACCESS)


def test_a_search_needs_a_province_a_unit_or_a_known_person() -> None:
    reads = FakeReads(index={})
    with pytest.raises(InvalidInput) as missing:
        search_records(MINISTRY, SearchQuery(personal_id="001090099999"), reads, ACCESS)
    assert [e.field for e in missing.value.errors] == ["province_code"]
    with pytest.raises(InvalidInput) as bad_commune:
        search_records(MINISTRY, SearchQuery(unit_code="99999"), reads, ACCESS)
    assert [e.field for e in bad_commune.value.errors] == ["unit_code"]
    with pytest.raises(InvalidInput, match="Kích thước trang"):
        search_records(MINISTRY, SearchQuery(province_code="01", page_size=501), reads, ACCESS)
    assert reads.searches == []


def test_changes_default_to_the_callers_commune_and_are_checked() -> None:
    reads = FakeReads()
    list_changes(COMMUNE_OFFICER, ChangesQuery(kinds=("death",)), reads, ACCESS)
    assert reads.changes == [ChangeFilter("01", "00004", kinds=("death",))]
    list_changes(HANOI_OFFICER, ChangesQuery(), reads, ACCESS)
    assert reads.changes[-1] == ChangeFilter("01", None)
    with pytest.raises(AccessDenied):
        list_changes(CAO_BANG_OFFICER, ChangesQuery(unit_code="00004"), reads, ACCESS)
    with pytest.raises(InvalidInput):
        list_changes(MINISTRY, ChangesQuery(), reads, ACCESS)


def test_officials_are_told_by_the_authz_role_kinds() -> None:
    assert is_official(COMMUNE_OFFICER) and is_official(HANOI_OFFICER)
    assert is_official(Principal("s", "u", frozenset({"commune_leader"}), "00004"))
    assert not is_official(citizen("001090012345"))
    assert not is_official(ADMIN)
    # a name that merely ends like an officer's role is no role of the realm
    assert not is_official(Principal("s", "u", frozenset({"night_officer"}), "00004"))


def test_only_internal_services_take_a_province_payment_snapshot() -> None:
    service = Principal("svc-payment", "service-account-ansinh-payment",
                        frozenset({"internal_service"}), None)  # fmt: skip
    assert list(payment_snapshot(service, "01", FakeReads())) == []
    for person in (MINISTRY, HANOI_OFFICER, ADMIN):
        with pytest.raises(PermissionDenied):
            payment_snapshot(person, "01", FakeReads())
    with pytest.raises(InvalidInput):
        payment_snapshot(service, "00", FakeReads())
