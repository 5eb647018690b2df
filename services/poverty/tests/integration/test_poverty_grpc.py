"""PovertyService on a real server over migrated shards, callers signed in on real Keycloak.

Must show: the status query answers as of a date (a household that left poverty in March is
poor in February and not in April); ministry separation (a social-assistance account cannot
read poverty households, and a poverty account reaches only its field); certificates numbered
per commune and year as Vietnamese PDFs; events in the outbox with the state.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from collections.abc import Callable

import grpc
import pytest
import sqlalchemy as sa

from ansinh.poverty.v1 import poverty_pb2, poverty_pb2_grpc
from ansinh_common.auth.principal import use_principal
from ansinh_common.errors import AlreadyExists, InvalidInput, PermissionDenied
from ansinh_common.grpc.problem import error_from_rpc
from ansinh_common.testing_keycloak import KeycloakTestUsers
from poverty.adapters.messages import event_from_bytes
from poverty.bootstrap import PovertyApp
from poverty.domain.events import HouseholdLeftPoverty, HouseholdStatusDecided
from poverty.testing import person_status

from .poverty_support import (
    COMMUNE_CHAIR,
    COMMUNE_OFFICER,
    COMMUNE_SOCIAL,
    MINISTRY_POVERTY,
    MINISTRY_SOCIAL,
    PROVINCE_POVERTY,
    PROVINCE_SOCIAL,
    change,
    household,
    pb_date,
)

pytestmark = pytest.mark.integration
Stub = poverty_pb2_grpc.PovertyServiceStub


def _register(stub: Stub, signed_in: KeycloakTestUsers, head: str = "Nguyễn Văn Hùng") -> str:
    with use_principal(signed_in(COMMUNE_OFFICER)):
        request = poverty_pb2.RegisterHouseholdRequest(household=household(head))
        return str(stub.RegisterHousehold(request).household_id)


def _decide(
    stub: Stub, signed_in: KeycloakTestUsers, household_id: str, *changes: poverty_pb2.StatusChange
) -> None:
    with use_principal(signed_in(COMMUNE_CHAIR)):
        for c in changes:
            request = poverty_pb2.RecordStatusRequest(
                province_code="01", household_id=household_id, change=c
            )
            stub.RecordStatus(request)


def _refusal(call: Callable[[], object]) -> Exception:
    with pytest.raises(grpc.RpcError) as caught:
        call()
    return error_from_rpc(caught.value)


def test_status_query_answers_as_of_a_date(
    stub: Stub, app: PovertyApp, signed_in: KeycloakTestUsers
) -> None:
    hid = _register(stub, signed_in)
    with use_principal(signed_in(COMMUNE_OFFICER)):
        got = stub.GetHousehold(
            poverty_pb2.GetHouseholdRequest(province_code="01", household_id=hid)
        )
    head_id = got.household.members[0].national_id
    _decide(
        stub, signed_in, hid,
        change("poor", dt.date(2025, 12, 10), 2025, "120/QĐ-UBND", ("health_insurance",)),
        change("left_poverty", dt.date(2026, 3, 10), 2026, "31/QĐ-UBND"),
    )  # fmt: skip
    with use_principal(signed_in(COMMUNE_SOCIAL)):  # the social-assistance side asks
        assert person_status(stub, head_id, dt.date(2026, 2, 20)) == (True, "poor")
        assert person_status(stub, head_id, dt.date(2026, 3, 9)) == (True, "poor")
        assert person_status(stub, head_id, dt.date(2026, 3, 10)) == (False, "left_poverty")
        assert person_status(stub, head_id, dt.date(2026, 4, 1)) == (False, "left_poverty")
        assert person_status(stub, head_id, dt.date(2025, 1, 1)) == (False, "none")
        assert person_status(stub, "001099999999", dt.date(2026, 2, 20)) == (False, "none")
        february = stub.GetPersonStatus(
            poverty_pb2.GetPersonStatusRequest(national_id=head_id, on=pb_date(dt.date(2026, 2, 1)))
        )
    assert february.household_id == hid
    assert february.decided_by.decision_number == "120/QĐ-UBND"
    with use_principal(signed_in(COMMUNE_OFFICER)):
        for day, status in ((dt.date(2026, 2, 28), "poor"), (dt.date(2026, 4, 1), "left_poverty")):
            request = poverty_pb2.GetHouseholdRequest(
                province_code="01", household_id=hid, as_of=pb_date(day)
            )
            view = stub.GetHousehold(request)
            assert view.status == status
    assert [c.status for c in view.history] == ["poor", "left_poverty"]
    assert len({c.decided_by for c in view.history}) == 1 and view.history[0].decided_by
    assert list(view.history[0].low_income_members) == ["m2"]

    events = _outbox_events(app)
    decided = [e for e in events if isinstance(e, HouseholdStatusDecided)]
    left = [e for e in events if isinstance(e, HouseholdLeftPoverty)]
    assert [(e.previous_status.value, e.status.value) for e in decided] == [
        ("none", "poor"),
        ("poor", "left_poverty"),
    ]
    assert [(e.household_id, e.effective_on) for e in left] == [(hid, dt.date(2026, 3, 10))]


def _outbox_events(app: PovertyApp) -> list[object]:
    shard = app.router.shard_for("01")
    with app.router.engine(shard).connect() as conn:
        rows = conn.execute(sa.text("SELECT topic, type, payload FROM outbox ORDER BY id")).all()
    assert {row.topic for row in rows} == {"ansinh.poverty.v1"}
    return [event_from_bytes(row.type, bytes(row.payload)) for row in rows]


def test_ministry_separation(stub: Stub, signed_in: KeycloakTestUsers) -> None:
    hid = _register(stub, signed_in)
    request = poverty_pb2.GetHouseholdRequest(province_code="01", household_id=hid)
    for poverty_side in (PROVINCE_POVERTY, MINISTRY_POVERTY):
        with use_principal(signed_in(poverty_side)):
            assert stub.GetHousehold(request).household.household_id == hid
    for social_side in (PROVINCE_SOCIAL, MINISTRY_SOCIAL, COMMUNE_SOCIAL):
        with use_principal(signed_in(social_side)):
            refused = _refusal(lambda: stub.GetHousehold(request))
        assert isinstance(refused, PermissionDenied)
        assert "giảm nghèo" in refused.detail
    with use_principal(signed_in(MINISTRY_SOCIAL)):  # nor may it register one
        new = poverty_pb2.RegisterHouseholdRequest(household=household())
        assert isinstance(_refusal(lambda: stub.RegisterHousehold(new)), PermissionDenied)


def test_only_the_commune_chair_decides(stub: Stub, signed_in: KeycloakTestUsers) -> None:
    hid = _register(stub, signed_in)
    request = poverty_pb2.RecordStatusRequest(
        province_code="01", household_id=hid,
        change=change("poor", dt.date(2025, 12, 10), 2025, "1/QĐ-UBND"),
    )  # fmt: skip
    for not_chair in (COMMUNE_OFFICER, PROVINCE_SOCIAL):
        with use_principal(signed_in(not_chair)):
            assert isinstance(_refusal(lambda: stub.RecordStatus(request)), PermissionDenied)


def test_certificates_are_numbered_per_commune_and_year_as_pdf(
    stub: Stub, signed_in: KeycloakTestUsers
) -> None:
    first = _register(stub, signed_in, "Nguyễn Văn Hùng")
    second = _register(stub, signed_in, "Hoàng Thị Lụa")
    for hid in (first, second):
        _decide(
            stub, signed_in, hid, change("near_poor", dt.date(2025, 12, 10), 2025, "120/QĐ-UBND")
        )
    numbers = []
    with use_principal(signed_in(COMMUNE_CHAIR)):
        for hid in (first, second):
            issued = stub.IssueCertificate(
                poverty_pb2.IssueCertificateRequest(
                    province_code="01", household_id=hid, review_year=2025,
                    issued_on=pb_date(dt.date(2025, 12, 15)),
                )
            )  # fmt: skip
            numbers.append(issued.certificate_number)
            text = subprocess.run(
                ["pdftotext", "-", "-"], input=issued.pdf, capture_output=True, check=True
            ).stdout.decode()
        again = poverty_pb2.IssueCertificateRequest(
            province_code="01", household_id=second, review_year=2025,
            issued_on=pb_date(dt.date(2025, 12, 16)),
        )  # fmt: skip
        assert isinstance(_refusal(lambda: stub.IssueCertificate(again)), AlreadyExists)
    assert numbers == ["Số 1/GCN-HN.HCN", "Số 2/GCN-HN.HCN"]
    assert "HỘ NGHÈO, HỘ CẬN NGHÈO" in text and "Hoàng Thị Lụa" in text
    assert "Hộ cận nghèo" in text and "Số 2/GCN-HN.HCN" in text and "Ba Đình" in text
    with use_principal(signed_in(COMMUNE_OFFICER)):
        view = stub.GetHousehold(
            poverty_pb2.GetHouseholdRequest(province_code="01", household_id=second)
        )
    assert list(view.certificates) == ["Số 2/GCN-HN.HCN"]


def test_bad_input_names_the_field(stub: Stub, signed_in: KeycloakTestUsers) -> None:
    bad = household()
    bad.area = "city"
    bad.members[1].birth_date.month = 13
    bad.commune_code = "26734"  # a commune of another province
    with use_principal(signed_in(COMMUNE_OFFICER)):
        refused = _refusal(
            lambda: stub.RegisterHousehold(poverty_pb2.RegisterHouseholdRequest(household=bad))
        )
    assert isinstance(refused, InvalidInput)
    assert {"household.area", "household.members[1].birth_date"} <= {
        e.field for e in refused.errors
    }
    hid = _register(stub, signed_in)
    wrong = change("poor", dt.date(2025, 12, 10), 2025, "1/QĐ-UBND", ("no_such_indicator",))
    wrong.standard_code = "2016-2020"
    with use_principal(signed_in(COMMUNE_CHAIR)):
        refused = _refusal(
            lambda: stub.RecordStatus(
                poverty_pb2.RecordStatusRequest(province_code="01", household_id=hid, change=wrong)
            )
        )
    assert isinstance(refused, InvalidInput)
    assert {"change.standard_code", "change.deprivations[0]"} <= {e.field for e in refused.errors}
