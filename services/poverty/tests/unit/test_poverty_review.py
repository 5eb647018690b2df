"""The review cycle as a state machine: order, roles and units, the vote, the decision."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from ansinh_common.errors import DomainError, InvalidInput
from poverty.domain.errors import NotResponsible, OutsideReviewPeriod, ReviewOutOfOrder
from poverty.domain.events import HouseholdLeftPoverty, HouseholdStatusDecided
from poverty.domain.model import HouseholdStatus
from poverty.domain.review import (
    AdministrativeModel,
    CaseState,
    Channel,
    Request,
    RequestForm,
    Review,
    ReviewKind,
    Step,
    VillageMeeting,
    administrative_model_on,
)
from poverty.domain.rules.classification import Classification, classify
from poverty.domain.standards import get_standard
from poverty.domain.survey import QuickIdentification

from .poverty_builders import (
    CHAIR,
    COMMUNE,
    DISTRICT,
    DISTRICT_CHAIR,
    OFFICER,
    OTHER_OFFICER,
    household,
    survey,
)

STD = get_standard("2022-2025")
P = HouseholdStatus


def _step(review: Review) -> Step:
    return review.step


def _annual(start: dt.date = dt.date(2025, 9, 3)) -> Review:
    return Review.start(
        "R1",
        ReviewKind.ANNUAL,
        commune_code=COMMUNE,
        district_code=DISTRICT,
        started_on=start,
        actor=OFFICER,
    )


def _classification(hid: str, income: int, deprived: int, on: dt.date) -> Classification:
    return classify(survey(household(hid), income=income, deprived=deprived, on=on), STD)


def _surveyed(review: Review, hid: str, income: int, deprived: int) -> None:
    on = review.started_on + dt.timedelta(days=5)
    review.record_quick_identification(QuickIdentification(hid, on), OFFICER)
    review.record_survey(_classification(hid, income, deprived, on), OFFICER)


def _listed(review: Review) -> None:
    """H1 poor (stays poor), H2 poor (leaves), H3 near-poor (Phiếu A: clearly not poor),
    H4 asks for review with Mẫu 01 (becomes near-poor), H5 asks with Mẫu 04 (left poverty
    refused: still poor). H1-H3 in village A, H4-H5 in village B."""
    day = review.started_on
    review.add_household("H1", village="A", previous_status=P.POOR, actor=OFFICER)
    review.add_household("H2", village="A", previous_status=P.POOR, actor=OFFICER)
    review.add_household("H3", village="A", previous_status=P.NEAR_POOR, actor=OFFICER)
    review.add_household(
        "H4",
        village="B",
        previous_status=P.NONE,
        actor=OFFICER,
        request=Request(RequestForm.MAU_01, "H4", day, Channel.ONLINE),
    )
    review.add_household(
        "H5",
        village="B",
        previous_status=P.POOR,
        actor=OFFICER,
        request=Request(RequestForm.MAU_04, "H5", day, Channel.COMMUNE),
    )
    review.close_list(day, OFFICER)


def _survey_all(review: Review) -> None:
    on = review.started_on + dt.timedelta(days=5)
    _surveyed(review, "H1", 1_200_000, 4)
    _surveyed(review, "H2", 2_500_000, 1)
    review.record_quick_identification(QuickIdentification("H3", on, ("owns_car",)), OFFICER)
    _surveyed(review, "H4", 1_400_000, 1)
    _surveyed(review, "H5", 1_000_000, 3)


def _meeting(review: Review, village: str, agreeing: dict[str, int], n: int = 10) -> VillageMeeting:
    return review.hold_village_meeting(
        village=village,
        held_on=review.started_on + dt.timedelta(days=20),
        attendees=[f"Người {i}" for i in range(n)],
        chaired_by="Trưởng thôn",
        supervised_by="Mặt trận Tổ quốc",
        minutes_refs=("BB-01/1", "BB-01/2"),
        agreeing=agreeing,
        actor=OFFICER,
    )


def test_annual_campaign_three_level_with_a_failed_vote() -> None:
    review = _annual(dt.date(2024, 9, 3))
    assert review.model is AdministrativeModel.THREE_LEVEL and _step(review) is Step.LISTING
    _listed(review)
    assert _step(review) is Step.SURVEY
    _survey_all(review)
    assert _step(review) is Step.VILLAGE_MEETING
    # Village A: H2's line gets 4 of 10 -> back to survey (step 2); H1 5 of 10 passes.
    meeting = _meeting(review, "A", {"H1": 5, "H2": 4, "H3": 9})
    assert meeting.returned == ("H2",)
    assert (
        review.cases["H2"].state is CaseState.LISTED and review.cases["H2"].classification is None
    )
    assert review.cases["H2"].returned_to_survey == 1
    assert _step(review) is Step.SURVEY
    with pytest.raises(ReviewOutOfOrder):
        review.start_posting(dt.date(2024, 10, 1), OFFICER)
    _meeting(review, "B", {"H4": 10, "H5": 6})
    with pytest.raises(ReviewOutOfOrder):  # H2 not surveyed again yet
        _meeting(review, "A", {"H2": 10})
    _surveyed(review, "H2", 2_400_000, 0)
    _meeting(review, "A", {"H2": 7})
    assert _step(review) is Step.VILLAGE_MEETING
    review.start_posting(dt.date(2024, 10, 10), OFFICER)
    review.record_objection(
        "O1",
        "H2",
        raised_by="Ông Ba",
        text="Hộ có thu nhập thấp hơn",
        on=dt.date(2024, 10, 11),
        actor=OFFICER,
    )
    with pytest.raises(ReviewOutOfOrder):
        review.end_posting(dt.date(2024, 10, 13), OFFICER)
    review.settle_objection(
        "O1", resolution="Đã xác minh, giữ nguyên kết quả", on=dt.date(2024, 10, 12), actor=OFFICER
    )
    review.end_posting(dt.date(2024, 10, 13), OFFICER)
    assert _step(review) is Step.DISTRICT_OPINION
    with pytest.raises(ReviewOutOfOrder):
        review.decide(decision_number="15/QĐ-UBND", on=dt.date(2024, 10, 20), actor=CHAIR)
    with pytest.raises(NotResponsible):
        review.record_district_opinion(
            opinion="Đồng ý", agrees=True, on=dt.date(2024, 10, 15), actor=CHAIR
        )
    review.record_district_opinion(
        opinion="Đồng ý", agrees=True, on=dt.date(2024, 10, 15), actor=DISTRICT_CHAIR
    )
    assert _step(review) is Step.DECISION
    with pytest.raises(InvalidInput) as err:  # H5's Mẫu 04 is refused: a written reason is due
        review.decide(decision_number="15/QĐ-UBND", on=dt.date(2024, 10, 20), actor=CHAIR)
    assert [e.field for e in err.value.errors] == ["refusal_reasons.H5"]
    assert _step(review) is Step.DECISION and not review.events
    decided = review.decide(
        decision_number="15/QĐ-UBND",
        on=dt.date(2024, 10, 20),
        actor=CHAIR,
        refusal_reasons={"H5": "Hộ vẫn dưới chuẩn nghèo và thiếu hụt 3 chỉ số."},
    )
    assert _step(review) is Step.DECIDED
    outcome = {d.household_id: d.status for d in decided}
    assert outcome == {
        "H1": P.POOR,
        "H2": P.LEFT_POVERTY,
        "H3": P.LEFT_NEAR_POVERTY,
        "H4": P.NEAR_POOR,
        "H5": P.POOR,
    }
    assert next(d for d in decided if d.household_id == "H5").refusal_reason
    assert next(d for d in decided if d.household_id == "H1").change.deprivations == (
        "drinking_water",
        "sanitation",
        "telecom_use",
        "information_access_means",
    )
    status_events = [e for e in review.events if isinstance(e, HouseholdStatusDecided)]
    left = [e for e in review.events if isinstance(e, HouseholdLeftPoverty)]
    assert len(status_events) == 5 and [e.household_id for e in left] == ["H2"]
    assert (
        status_events[0].decision_number == "15/QĐ-UBND"
        and status_events[0].decided_by == "chair-1"
    )


def test_two_level_model_skips_the_district_opinion() -> None:
    review = _annual(dt.date(2025, 9, 3))
    assert review.model is AdministrativeModel.TWO_LEVEL
    assert administrative_model_on(dt.date(2025, 6, 30)) is AdministrativeModel.THREE_LEVEL
    review.add_household("H1", village="A", previous_status=P.POOR, actor=OFFICER)
    review.close_list(review.started_on, OFFICER)
    _surveyed(review, "H1", 1_000_000, 0)
    _meeting(review, "A", {"H1": 6})
    review.start_posting(dt.date(2025, 10, 1), OFFICER)
    review.end_posting(dt.date(2025, 10, 4), OFFICER)
    assert _step(review) is Step.DECISION
    with pytest.raises(ReviewOutOfOrder):
        review.record_district_opinion(
            opinion="x", agrees=True, on=dt.date(2025, 10, 5), actor=DISTRICT_CHAIR
        )
    decided = review.decide(decision_number="20/QĐ-UBND", on=dt.date(2025, 10, 6), actor=CHAIR)
    assert decided[0].status is P.NEAR_POOR
    assert [type(e).__name__ for e in review.events] == [
        "HouseholdStatusDecided",
        "HouseholdLeftPoverty",
    ]


ACTIONS: list[tuple[str, Callable[[Review], object]]] = [
    ("add", lambda r: r.add_household("H9", village="A", previous_status=P.POOR, actor=OFFICER)),
    ("close", lambda r: r.close_list(r.started_on, OFFICER)),
    (
        "quick",
        lambda r: r.record_quick_identification(QuickIdentification("H1", r.started_on), OFFICER),
    ),
    ("meeting", lambda r: _meeting(r, "A", {"H1": 9})),
    ("posting", lambda r: r.start_posting(r.started_on, OFFICER)),
    ("end_posting", lambda r: r.end_posting(r.started_on, OFFICER)),
    ("decide", lambda r: r.decide(decision_number="1", on=r.started_on, actor=CHAIR)),
]


@pytest.mark.parametrize(("name", "action"), ACTIONS, ids=[a[0] for a in ACTIONS])
def test_actions_out_of_order_are_refused_and_change_nothing(
    name: str, action: Callable[[Review], object]
) -> None:
    review = _annual()
    review.add_household("H1", village="A", previous_status=P.POOR, actor=OFFICER)
    if name in ("add", "close"):
        review.close_list(review.started_on, OFFICER)  # the list is closed: no longer step 1
    before = (review.step, review.version, len(review.cases))
    with pytest.raises(ReviewOutOfOrder) as err:
        action(review)
    assert err.value.http_status == 409 and "bước" in err.value.detail
    assert (review.step, review.version, len(review.cases)) == before


def test_roles_and_units_are_checked() -> None:
    with pytest.raises(NotResponsible):
        Review.start(
            "R",
            ReviewKind.ANNUAL,
            commune_code=COMMUNE,
            district_code=DISTRICT,
            standard_code=STD.code,
            started_on=dt.date(2025, 9, 3),
            actor=OTHER_OFFICER,
        )
    review = _annual()
    with pytest.raises(NotResponsible) as err:
        review.add_household("H1", village="A", previous_status=P.POOR, actor=OTHER_OFFICER)
    assert err.value.http_status == 403
    with pytest.raises(NotResponsible):
        review.add_household("H1", village="A", previous_status=P.POOR, actor=CHAIR)  # a leader
    review.add_household("H1", village="A", previous_status=P.POOR, actor=OFFICER)
    review.close_list(review.started_on, OFFICER)
    _surveyed(review, "H1", 1_000_000, 3)
    _meeting(review, "A", {"H1": 9})
    review.start_posting(dt.date(2025, 10, 1), OFFICER)
    review.end_posting(dt.date(2025, 10, 4), OFFICER)
    with pytest.raises(NotResponsible):
        review.decide(decision_number="1", on=dt.date(2025, 10, 5), actor=OFFICER)
    assert _step(review) is Step.DECISION


def test_listing_rules_and_meeting_input_errors() -> None:
    review = _annual()
    with pytest.raises(InvalidInput):  # neither poor nor near-poor and no request
        review.add_household("H1", village="A", previous_status=P.NONE, actor=OFFICER)
    with pytest.raises(InvalidInput):  # Mẫu 04 only for poor or near-poor households
        review.add_household(
            "H1",
            village="A",
            previous_status=P.NONE,
            actor=OFFICER,
            request=Request(RequestForm.MAU_04, "H1", review.started_on, Channel.POST),
        )
    with pytest.raises(InvalidInput):
        review.close_list(review.started_on, OFFICER)  # empty list
    review.add_household("H1", village="A", previous_status=P.POOR, actor=OFFICER)
    review.close_list(review.started_on, OFFICER)
    _surveyed(review, "H1", 1_000_000, 3)
    with pytest.raises(InvalidInput) as err:
        review.hold_village_meeting(
            village="A",
            held_on=review.started_on,
            attendees=["An", "An"],
            chaired_by="",
            supervised_by="MTTQ",
            minutes_refs=("BB1", ""),
            agreeing={"H1": 3, "H7": 1},
            actor=OFFICER,
        )
    fields = {e.field for e in err.value.errors}
    assert fields == {"attendees", "chaired_by", "minutes_refs", "agreeing.H7", "agreeing.H1"}
    assert review.cases["H1"].state is CaseState.READY and not review.meetings


def test_survey_must_follow_phieu_a_and_use_the_review_standard() -> None:
    review = _annual()
    review.add_household("H1", village="A", previous_status=P.POOR, actor=OFFICER)
    review.close_list(review.started_on, OFFICER)
    c = _classification("H1", 1_000_000, 3, review.started_on)
    with pytest.raises(ReviewOutOfOrder):
        review.record_survey(c, OFFICER)
    review.record_quick_identification(QuickIdentification("H1", review.started_on), OFFICER)
    other = classify(survey(household("H1"), income=1, deprived=0), get_standard("2027-2030"))
    with pytest.raises(InvalidInput):
        review.record_survey(other, OFFICER)
    review.record_survey(c, OFFICER)
    with pytest.raises(ReviewOutOfOrder):
        review.record_survey(c, OFFICER)


def test_objection_settled_with_a_resurvey_changes_the_outcome() -> None:
    review = _annual()
    review.add_household("H1", village="A", previous_status=P.POOR, actor=OFFICER)
    review.close_list(review.started_on, OFFICER)
    _surveyed(review, "H1", 1_000_000, 3)
    _meeting(review, "A", {"H1": 9})
    review.start_posting(dt.date(2025, 10, 1), OFFICER)
    review.record_objection(
        "O1",
        "H1",
        raised_by="Bà Tư",
        text="Hộ đã có xe ô tô",
        on=dt.date(2025, 10, 2),
        actor=OFFICER,
    )
    with pytest.raises(InvalidInput):
        review.record_objection(
            "O1", "H1", raised_by="x", text="lặp", on=dt.date(2025, 10, 2), actor=OFFICER
        )
    resurvey = _classification("H1", 5_000_000, 0, dt.date(2025, 10, 3))
    review.settle_objection(
        "O1",
        resolution="Khảo sát lại: không thuộc diện",
        on=dt.date(2025, 10, 3),
        actor=OFFICER,
        reclassification=resurvey,
    )
    with pytest.raises(ReviewOutOfOrder):
        review.settle_objection("O1", resolution="lần hai", on=dt.date(2025, 10, 3), actor=OFFICER)
    review.end_posting(dt.date(2025, 10, 4), OFFICER)
    (decided,) = review.decide(decision_number="3/QĐ-UBND", on=dt.date(2025, 10, 5), actor=CHAIR)
    assert decided.status is P.LEFT_POVERTY


def _regular(start: dt.date) -> Review:
    review = Review.start(
        "R2",
        ReviewKind.REGULAR,
        commune_code=COMMUNE,
        district_code=None,
        standard_code=STD.code,
        started_on=start,
        actor=OFFICER,
    )
    review.add_household(
        "H4",
        village="B",
        previous_status=P.NONE,
        actor=OFFICER,
        request=Request(RequestForm.MAU_01, "H4", start, Channel.ONLINE),
    )
    review.close_list(start, OFFICER)
    review.record_quick_identification(QuickIdentification("H4", start), OFFICER)
    review.record_survey(_classification("H4", 1_000_000, 3, start), OFFICER)
    _meeting(review, "B", {"H4": 8})
    review.start_posting(start + dt.timedelta(days=3), OFFICER)
    review.end_posting(start + dt.timedelta(days=6), OFFICER)
    return review


def test_regular_review_decides_within_15_days_of_its_start() -> None:
    with pytest.raises(OutsideReviewPeriod):
        _regular(dt.date(2025, 11, 10))  # regular reviews start from the 15th
    late = _regular(dt.date(2025, 11, 15))
    assert late.decision_due == dt.date(2025, 11, 30)
    assert late.overdue_on(dt.date(2025, 12, 1)) and not late.overdue_on(dt.date(2025, 11, 30))
    with pytest.raises(OutsideReviewPeriod) as err:
        late.decide(decision_number="9/QĐ-UBND", on=dt.date(2025, 12, 1), actor=CHAIR)
    assert err.value.http_status == 409 and "30/11/2025" in err.value.detail
    (decided,) = late.decide(decision_number="9/QĐ-UBND", on=dt.date(2025, 11, 30), actor=CHAIR)
    assert decided.status is P.POOR and decided.refusal_reason is None


def test_a_step_may_not_be_dated_before_the_previous_one() -> None:
    review = _annual()
    review.add_household("H1", village="A", previous_status=P.POOR, actor=OFFICER)
    review.close_list(dt.date(2025, 9, 10), OFFICER)
    _surveyed(review, "H1", 1_000_000, 3)
    _meeting(review, "A", {"H1": 9})
    with pytest.raises(InvalidInput):
        review.start_posting(dt.date(2025, 9, 9), OFFICER)
    review.start_posting(dt.date(2025, 10, 1), OFFICER)
    review.end_posting(dt.date(2025, 10, 4), OFFICER)
    with pytest.raises(InvalidInput) as err:
        review.decide(decision_number="1", on=dt.date(2025, 10, 3), actor=CHAIR)
    assert err.value.errors[0].field == "on" and _step(review) is Step.DECISION


def test_the_standard_is_the_review_year_s() -> None:
    assert _annual(dt.date(2026, 9, 3)).standard_code == "2022-2025"
    assert _annual(dt.date(2027, 9, 3)).standard_code == "2027-2030"
    with pytest.raises(InvalidInput) as err:
        Review.start(
            "R", ReviewKind.ANNUAL, commune_code=COMMUNE, district_code=None,
            standard_code="2022-2025", started_on=dt.date(2027, 9, 3), actor=OFFICER,
        )  # fmt: skip
    assert [e.field for e in err.value.errors] == ["standard_code"]


def test_annual_review_outside_its_window_and_reasons_for_granted_requests() -> None:
    with pytest.raises(OutsideReviewPeriod):
        _annual(dt.date(2025, 8, 31))
    with pytest.raises(InvalidInput):
        Review.start(
            "R",
            ReviewKind.ANNUAL,
            commune_code=COMMUNE,
            district_code=None,
            standard_code=STD.code,
            started_on=dt.date(2024, 9, 3),
            actor=OFFICER,
        )
    review = _regular(dt.date(2025, 11, 15))
    with pytest.raises(InvalidInput) as err:  # the request is granted: no refusal reason
        review.decide(
            decision_number="9",
            on=dt.date(2025, 11, 25),
            actor=CHAIR,
            refusal_reasons={"H4": "x", "H8": "y"},
        )
    assert {e.field for e in err.value.errors} == {"refusal_reasons.H4", "refusal_reasons.H8"}
    assert isinstance(err.value, DomainError) and _step(review) is Step.DECISION
