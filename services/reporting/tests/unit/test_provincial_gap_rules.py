"""The provincial-sync gap's rules (ADR 0042): the request checked field by field, two-way
provinces only, the end of the month in Vietnam's time, the facts read from the records."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from google.protobuf.timestamp_pb2 import Timestamp

from ansinh.dossier.v1 import events_pb2, provincial_pb2
from ansinh_common.catalogs.provincial_sync import parse_sync_modes, shipped_sync_modes
from ansinh_common.errors import InvalidInput
from ansinh_common.messaging import Envelope
from reporting.adapters.provincial_sync_events import provincial_topics, sync_fact
from reporting.domain import provincial_gap
from reporting.domain.provincial_gap import (
    NotInTwoWaySync,
    PlatformDossier,
    ProvincialSubmission,
    gap_scope,
    gap_unit,
)

MODES = parse_sync_modes({"default_mode": "none", "provinces": {"01": "two_way", "04": "one_way"}})
DEC = date(2025, 12, 1)


def test_the_request_is_checked_field_by_field() -> None:
    with pytest.raises(InvalidInput) as caught:
        gap_unit("commune", "00004", page=-1, page_size=501)
    assert [e.field for e in caught.value.errors] == ["level", "page", "page_size"]
    with pytest.raises(InvalidInput) as caught:
        gap_unit("province", "00004", page=0, page_size=0)
    assert [e.field for e in caught.value.errors] == ["unit_code"]
    assert gap_unit("country", "", page=0, page_size=0) == "VN"
    assert provincial_gap.LEGAL_BASIS


def test_only_two_way_provinces_are_reported() -> None:
    country = gap_scope("country", "VN", DEC, MODES, page=0, page_size=0)
    assert country.provinces == ("01",)
    assert (country.page, country.page_size, country.offset) == (1, 100, 0)
    assert gap_scope("province", "01", DEC, MODES, page=3, page_size=20).offset == 40
    with pytest.raises(NotInTwoWaySync) as caught:
        gap_scope("province", "04", DEC, MODES, page=0, page_size=0)
    assert "one_way" in caught.value.detail
    shipped = gap_scope("country", "VN", DEC, shipped_sync_modes(), page=0, page_size=0)
    assert {"01", "79"} <= set(shipped.provinces) and "04" not in shipped.provinces


def test_the_month_ends_at_midnight_in_vietnam() -> None:
    scope = gap_scope("country", "VN", DEC, MODES, page=0, page_size=0)
    assert scope.until.astimezone(UTC) == datetime(2025, 12, 31, 17, tzinfo=UTC)


def test_the_topics_are_the_two_way_provinces_both_ways() -> None:
    assert provincial_topics("p", MODES) == ["p.01.inbound.v1", "p.01.outbound.v1"]
    assert provincial_topics(None, MODES) == []


def _ts(at: datetime) -> Timestamp:
    ts = Timestamp()
    ts.FromDatetime(at)
    return ts


def test_the_facts_of_the_records() -> None:
    at = datetime(2025, 12, 3, 2, tzinfo=UTC)
    inbound = provincial_pb2.ProvincialDossierSubmitted(
        provincial_code="HN-1", province_code="01", procedure_code="1.001776",
        submitted_at=_ts(at),
    )  # fmt: skip
    record = Envelope(source="/p", type="ansinh.dossier.v1.ProvincialDossierSubmitted",
                      subject="HN-1", province="01", data=inbound.SerializeToString())  # fmt: skip
    assert sync_fact(record) == ProvincialSubmission("HN-1", "01", "1.001776", at)

    first = events_pb2.DossierStatusChanged(
        dossier_id="d1", dossier_code="C-1", procedure_code="1.001776", province_code="01",
        state="submitted", at=_ts(at), provincial_code="HN-1",
    )  # fmt: skip
    later = events_pb2.DossierStatusChanged(dossier_id="d1", previous_state="submitted")
    status = "ansinh.dossier.v1.DossierStatusChanged"

    def event(m: events_pb2.DossierStatusChanged) -> Envelope:
        return Envelope(source="/d", type=status, subject="d1", province="01",
                        data=m.SerializeToString())  # fmt: skip

    assert sync_fact(event(first)) == PlatformDossier("d1", "C-1", "01", "1.001776", "HN-1", at)
    assert sync_fact(event(later)) is None  # only the submission says the dossier is here
    garbled = Envelope(source="/p", type="ansinh.dossier.v1.ProvincialDossierSubmitted",
                       subject="x", province="01", data=b"\xff\xff")  # fmt: skip
    assert sync_fact(garbled) is None
