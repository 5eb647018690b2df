"""Read-side use cases of the poverty service, checked by ``Access`` (ADR 0006).

* ``household_view``: a household, its history, its status on a date and its certificates
  (poverty domain only);
* ``person_status``: is this person in a poor or near-poor household on a date — the status
  query of the social-assistance side (groups 5.3, 5.4, 5.5a, 5.5b, 5.7, 5.8), answered from
  the history as of that date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from ansinh_common.auth.principal import Principal
from ansinh_common.authz import Action
from ansinh_common.errors import FieldError, InvalidInput, NotFound
from poverty.domain.errors import NoStandard
from poverty.domain.model import Household, HouseholdStatus, StatusChange, StatusHistory
from poverty.domain.review import Review, ReviewKind
from poverty.domain.review_report import ReviewFigures, review_figures
from poverty.domain.rules import reporting_calendar as rc
from poverty.domain.scoring import scoring_model_for
from poverty.domain.standards import get_standard
from poverty.domain.survey_form import SurveyForm, survey_form
from poverty.service_layer.handlers.households import Dependencies
from poverty.service_layer.unit_of_work import AbstractUnitOfWork


@dataclass(frozen=True, slots=True)
class HouseholdView:
    household: Household
    history: StatusHistory
    status: HouseholdStatus
    certificates: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class PersonStatus:
    status: HouseholdStatus
    household_id: str | None
    change: StatusChange | None
    commune_code: str = ""  # the household's commune (2025 catalog)

    @property
    def poor_or_near_poor(self) -> bool:
        return self.status.is_poor_or_near_poor


NOT_FOUND = PersonStatus(HouseholdStatus.NONE, None, None)


def household_view(
    principal: Principal, province_code: str, household_id: str, as_of: dt.date, deps: Dependencies
) -> HouseholdView:
    with deps.uow(province_code) as uow:
        household = uow.households.get(household_id)
        if household is None:
            raise NotFound(f"Không tìm thấy hộ {household_id} trong tỉnh {province_code}.")
        deps.access.household(principal, Action.READ, household.commune_code)
        history = uow.households.history(household_id)
        numbers = tuple(c.number for c in uow.households.certificates(household_id))
    return HouseholdView(household, history, history.as_of(as_of), numbers)


def person_status(
    principal: Principal,
    national_id: str,
    on: dt.date,
    provinces: Iterable[str],
    deps: Dependencies,
) -> PersonStatus:
    """The status of the person's household on ``on``; a person listed in several households
    (a move) answers with the one poor or near-poor on that day, if any."""
    found: list[tuple[Household, StatusHistory]] = []
    for province in provinces:
        with deps.uow(province) as uow:
            for household_id in uow.households.households_of_person(national_id):
                household = uow.households.get(household_id)
                if household is not None:
                    found.append((household, uow.households.history(household_id)))
    if not found:
        deps.access.person_status(principal, national_id, None)
        return NOT_FOUND
    answers = []
    for household, history in found:
        deps.access.person_status(principal, national_id, household.commune_code)
        change = history.change_as_of(on)
        status = change.status if change is not None else HouseholdStatus.NONE
        answers.append(PersonStatus(status, household.household_id, change, household.commune_code))
    return max(answers, key=lambda a: (a.poor_or_near_poor, a.change is not None))


def review_view(
    principal: Principal, province_code: str, review_id: str, deps: Dependencies
) -> Review:
    with deps.uow(province_code) as uow:
        review = uow.reviews.get(review_id)
        if review is None:
            raise NotFound(f"Không tìm thấy kỳ rà soát {review_id}.")
        deps.access.household(principal, Action.READ, review.commune_code)
    return review


def commune_reviews(
    principal: Principal, province_code: str, commune_code: str, year: int, deps: Dependencies
) -> list[Review]:
    """A commune's reviews of a year, newest first (the commune's units may read them)."""
    deps.access.household(principal, Action.READ, commune_code)
    with deps.uow(province_code) as uow:
        found = uow.reviews.reviews_of([commune_code], year)
    return sorted(found, key=lambda r: (r.started_on, r.review_id), reverse=True)


def review_households(
    principal: Principal,
    province_code: str,
    review_id: str,
    deps: Dependencies,
) -> tuple[Review, dict[str, Household]]:
    """A review with its listed households."""
    with deps.uow(province_code) as uow:
        review = uow.reviews.get(review_id)
        if review is None:
            raise NotFound(f"Không tìm thấy kỳ rà soát {review_id}.")
        deps.access.household(principal, Action.READ, review.commune_code)
        found = {}
        for hid in review.cases:
            household = uow.households.get(hid)
            if household is not None and household.commune_code == review.commune_code:
                found[hid] = household
    return review, found


@dataclass(frozen=True, slots=True)
class ReviewReport:
    """A unit's review report: its figures and, for a province, each commune's."""

    province_code: str
    commune_code: str | None
    year: int
    figures: ReviewFigures
    communes: dict[str, ReviewFigures]


def review_report(
    principal: Principal,
    province_code: str,
    commune_code: str | None,
    year: int,
    deps: Dependencies,
) -> ReviewReport:
    """The figures of the year's annual reviews: statuses before the first review started (1
    September when none did), then each decided review's decisions."""
    if commune_code is not None:
        deps.access.check_residence(province_code, commune_code)
    deps.access.household(principal, Action.READ, commune_code or province_code)
    with deps.uow(province_code) as uow:
        everyone = uow.households.unit_statuses(province_code, commune_code, dt.date(year, 1, 1))
        communes = sorted(
            {c for c, _ in everyone.values()} | set([commune_code] if commune_code else [])
        )
        annual = [
            r
            for r in uow.reviews.reviews_of(communes, year)
            if r.kind is ReviewKind.ANNUAL and r.decided_on is not None
        ]
        start = min((r.started_on for r in annual), default=dt.date(year, 9, 1))
        before = uow.households.unit_statuses(
            province_code, commune_code, start - dt.timedelta(days=1)
        )
    decided = [d for r in annual for d in r.decided]
    per_commune = {
        commune: review_figures(
            sum(1 for c, _ in before.values() if c == commune),
            {hid: s for hid, (c, s) in before.items() if c == commune},
            [d for r in annual if r.commune_code == commune for d in r.decided],
        )
        for commune in communes
    }
    total = review_figures(len(before), {hid: s for hid, (_, s) in before.items()}, decided)
    return ReviewReport(province_code, commune_code, year, total, per_commune)


@dataclass(frozen=True, slots=True)
class LateUnits:
    due: rc.ReportDue
    units: int  # units that owe the report
    late: list[tuple[str, dt.date | None]]  # (unit code, day its results came in)


def _dates(review: Review) -> rc.ReviewDates:
    return rc.ReviewDates(
        review.kind is ReviewKind.ANNUAL, review.started_on, review.posting_started_on,
        review.decided_on,
    )  # fmt: skip


def _commune_days(
    uow: AbstractUnitOfWork, due: rc.ReportDue, communes: Sequence[str]
) -> dict[str, dt.date | None]:
    """Each commune that owes ``due``: the day its results came in (None: not yet)."""
    by_commune: dict[str, list[rc.ReviewDates]] = {c: [] for c in communes}
    for review in uow.reviews.reviews_of(list(communes), due.year):
        by_commune.setdefault(review.commune_code, []).append(_dates(review))
    return {c: rc.submitted(due, dates) for c, dates in by_commune.items() if rc.owes(due, dates)}


def late_units(
    principal: Principal,
    provinces: Sequence[str],
    whole_country: bool,
    due: rc.ReportDue,
    today: dt.date,
    deps: Dependencies,
    communes_of: Callable[[str], Sequence[str]],
) -> LateUnits:
    """Communes of one province late with ``due`` or, for the whole country, late provinces."""
    deps.access.household(principal, Action.READ, "VN" if whole_country else provinces[0])
    days: dict[str, dt.date | None] = {}
    for province in provinces:
        with deps.uow(province) as uow:
            communes = _commune_days(uow, due, communes_of(province))
        if whole_country:
            days[province] = rc.submitted_by_all(communes.values())
        else:
            days.update(communes)
    sent = {unit: day for unit, day in days.items() if day is not None}
    late = rc.late_units(due, days, sent, today)
    return LateUnits(due, len(days), [(unit, days[unit]) for unit in late])


def survey_form_of(standard_code: str, on: dt.date) -> SurveyForm:
    """The survey form of a standard on a survey date (no personal data: any account)."""
    try:
        standard = get_standard(standard_code)
    except NoStandard as exc:
        raise InvalidInput(errors=[FieldError("standard_code", exc.detail, "unknown")]) from exc
    try:
        scoring = scoring_model_for(standard.code, on)
    except NoStandard:
        scoring = None
    return survey_form(standard, scoring)
