"""Who may file Mẫu 01 / Mẫu 04 for a household, and Mẫu 04 only for poor or near-poor ones
(``rules.review_request``); a filed request joins an open list (``Review.take_request``)."""

from __future__ import annotations

import datetime as dt

import pytest

from ansinh_common.errors import InvalidInput, PermissionDenied
from poverty.domain.errors import NotResponsible
from poverty.domain.model import HouseholdStatus
from poverty.domain.review import Channel, RequestForm, Review, ReviewKind
from poverty.domain.rules.review_request import LEGAL_BASIS, Filer, check_request

from .poverty_builders import CHAIR, COMMUNE, OFFICER, household

DAY = dt.date(2025, 9, 4)
H = household()
MEMBER = H.members[1].national_id


def test_legal_basis_names_the_decision() -> None:
    assert "24/2021/QĐ-TTg" in LEGAL_BASIS


def test_a_citizen_files_online_for_their_own_household() -> None:
    request = check_request(RequestForm.MAU_01, H, HouseholdStatus.NONE, Filer(MEMBER, False), DAY)
    assert (request.channel, request.household_id, request.received_on) == (
        Channel.ONLINE, "H1", DAY,
    )  # fmt: skip


@pytest.mark.parametrize("national_id", [None, "", "001080000999"])
def test_a_citizen_cannot_file_for_another_household(national_id: str | None) -> None:
    with pytest.raises(PermissionDenied, match="thành viên"):
        check_request(RequestForm.MAU_01, H, HouseholdStatus.NONE, Filer(national_id, False), DAY)


def test_the_counter_files_for_any_household_of_the_commune() -> None:
    request = check_request(RequestForm.MAU_04, H, HouseholdStatus.POOR, Filer(None, True), DAY)
    assert request.channel is Channel.COMMUNE


@pytest.mark.parametrize(
    ("status", "allowed"),
    [
        (HouseholdStatus.POOR, True),
        (HouseholdStatus.NEAR_POOR, True),
        (HouseholdStatus.LEFT_POVERTY, False),
        (HouseholdStatus.NONE, False),
    ],
)
def test_mau_04_only_for_a_poor_or_near_poor_household(
    status: HouseholdStatus, allowed: bool
) -> None:
    def file() -> object:
        return check_request(RequestForm.MAU_04, H, status, Filer(MEMBER, False), DAY)

    if allowed:
        assert file()
    else:
        with pytest.raises(InvalidInput) as caught:
            file()
        assert caught.value.errors[0].field == "form"


def _review() -> Review:
    return Review.start(
        "R1", ReviewKind.ANNUAL, commune_code=COMMUNE, district_code=None,
        started_on=dt.date(2025, 9, 3), actor=OFFICER,
    )  # fmt: skip


def test_a_request_joins_the_list_or_the_listed_case() -> None:
    review = _review()
    review.add_household(
        "H1", village="Thôn 1", previous_status=HouseholdStatus.POOR, actor=OFFICER
    )
    request = check_request(RequestForm.MAU_04, H, HouseholdStatus.POOR, Filer(MEMBER, False), DAY)
    case = review.take_request(
        request, village="Thôn 1", previous_status=HouseholdStatus.POOR, actor=OFFICER
    )
    assert case.request == request and len(review.cases) == 1
    with pytest.raises(NotResponsible):
        review.take_request(
            request, village="Thôn 1", previous_status=HouseholdStatus.POOR, actor=CHAIR
        )
