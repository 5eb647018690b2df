"""Households' requests (Mẫu 01, Mẫu 04) through PovertyService on real PostgreSQL and
Keycloak: a citizen files online for their own household only, an officer files at the
commune's counter, Mẫu 04 only for a poor or near-poor household, and the requests land in the
commune's next review list (when it starts, and when its list is closed)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import grpc
import pytest

from ansinh.poverty.v1 import poverty_pb2 as pb
from ansinh.poverty.v1 import poverty_pb2_grpc
from ansinh_common.auth.principal import Principal, use_principal
from ansinh_common.errors import AlreadyExists, InvalidInput, PermissionDenied
from ansinh_common.grpc.problem import error_from_rpc
from ansinh_common.testing_keycloak import KeycloakTestUsers

from .poverty_support import BA_DINH, COMMUNE_CHAIR, COMMUNE_OFFICER, change, household, pb_date

pytestmark = pytest.mark.integration
Stub = poverty_pb2_grpc.PovertyServiceStub


def _refusal(call: Callable[[], object]) -> Exception:
    with pytest.raises(grpc.RpcError) as caught:
        call()
    return error_from_rpc(caught.value)


def _file(stub: Stub, hid: str, form: str, on: dt.date) -> pb.FileRequestResponse:
    request = pb.FileRequestRequest(
        province_code="01", household_id=hid, form=form, received_on=pb_date(on)
    )
    response: pb.FileRequestResponse = stub.FileRequest(request)
    return response


def test_citizen_and_counter_requests_land_in_the_next_review_list(
    stub: Stub, signed_in: KeycloakTestUsers
) -> None:
    officer, chair = signed_in(COMMUNE_OFFICER), signed_in(COMMUNE_CHAIR)
    homes = [household(n) for n in ("Đinh Văn Bốn", "Mai Thị Năm", "Tạ Văn Sáu")]
    with use_principal(officer):
        poor, other, late = (
            stub.RegisterHousehold(pb.RegisterHouseholdRequest(household=h)).household_id
            for h in homes
        )
    with use_principal(chair):
        stub.RecordStatus(
            pb.RecordStatusRequest(
                province_code="01", household_id=poor,
                change=change("poor", dt.date(2024, 12, 10), 2024, "98/QĐ-UBND"),
            )
        )  # fmt: skip
    member_of_other = homes[1].members[2].national_id
    citizen = signed_in(Principal("c-pv", "dan.pv", frozenset({"citizen"}), None, member_of_other))
    with use_principal(citizen):
        not_mine = _refusal(lambda: _file(stub, poor, "mau_01", dt.date(2025, 8, 20)))
        assert isinstance(not_mine, PermissionDenied)
        not_poor = _refusal(lambda: _file(stub, other, "mau_04", dt.date(2025, 8, 20)))
        assert isinstance(not_poor, InvalidInput)
        assert not_poor.errors[0].field == "form" and "Mẫu 04" in not_poor.errors[0].message
        online = _file(stub, other, "mau_01", dt.date(2025, 8, 20))
        assert online.channel == "online" and online.request_id
        twice = _refusal(lambda: _file(stub, other, "mau_01", dt.date(2025, 8, 21)))
        assert isinstance(twice, AlreadyExists)
    with use_principal(officer):
        counter = _file(stub, poor, "mau_04", dt.date(2025, 8, 25))
        assert counter.channel == "commune"
        started = stub.StartReview(
            pb.StartReviewRequest(
                province_code="01", commune_code=BA_DINH, kind="annual",
                started_on=pb_date(dt.date(2025, 9, 3)),
            )
        )  # fmt: skip
        review = stub.GetReview(
            pb.GetReviewRequest(province_code="01", review_id=started.review_id)
        )
        listed = {c.household_id: (c.request_form, c.request_channel) for c in review.cases}
        assert listed == {other: ("mau_01", "online"), poor: ("mau_04", "commune")}
    late_citizen = signed_in(
        Principal("c-pv2", "dan.pv2", frozenset({"citizen"}), None, homes[2].members[0].national_id)
    )
    with use_principal(late_citizen):  # filed while the list is still open
        _file(stub, late, "mau_01", dt.date(2025, 9, 4))
    with use_principal(officer):
        closed = stub.ActOnReview(
            pb.ActOnReviewRequest(
                province_code="01", review_id=started.review_id,
                close_list_on=pb_date(dt.date(2025, 9, 5)),
            )
        )  # fmt: skip
    assert closed.step == 2
    assert {c.household_id: c.request_channel for c in closed.cases}[late] == "online"
    with use_principal(citizen):  # the request was listed: a new one may be filed
        assert _file(stub, other, "mau_01", dt.date(2025, 9, 6)).channel == "online"
