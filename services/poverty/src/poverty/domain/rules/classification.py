"""Classification of a surveyed household under a standard: status and deprivations.

Each indicator's threshold (data, with its legal basis) says whether the household is deprived;
score B is the standard's points per deprived indicator. Income is banded by the standard's lines
(measured income) or by the scoring model's score A bands (scored survey). Then the standard's
rule:

* ``income_and_deprivation`` (2022-2025, 2027-2030): at or below the line — poor when
  score B >= the poor minimum (30: three deprivations), otherwise near-poor; above the line up to
  the middle-living line — average living standard; above — none;
* ``income_or_income_band_and_deprivation`` (2016-2020): at or below the poor line — poor;
  between the poor and near-poor lines — poor when score B >= the minimum, otherwise near-poor.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ansinh_common.errors import FieldError
from poverty.domain.errors import SurveyInvalid, field_error
from poverty.domain.model import HouseholdStatus
from poverty.domain.scoring import ScoringModel, scoring_model_for
from poverty.domain.standards import IncomeBand, Indicator, Standard, ThresholdKind
from poverty.domain.survey import Survey

LEGAL_BASIS = (
    "Decision 59/2015/QĐ-TTg Art. 2 (2016-2020); Decree 07/2021/NĐ-CP Art. 3 (2022-2025, kept "
    "through 2026 by Decree 351/2025/NĐ-CP); Decree 351/2025/NĐ-CP (2027-2030); each standard's "
    "and indicator's own basis is in the data"
)


@dataclass(frozen=True, slots=True)
class Deprivation:
    indicator: str
    name: str
    dimension: str
    legal_basis: str
    verified: bool
    members: tuple[str, ...] = ()  # the members that make the household deprived, if any


@dataclass(frozen=True, slots=True)
class Classification:
    household_id: str
    standard_code: str
    status: HouseholdStatus  # POOR, NEAR_POOR, AVERAGE_LIVING or NONE
    income_band: IncomeBand
    score_a: int | None
    score_b: int
    deprivations: tuple[Deprivation, ...]
    legal_basis: str
    scoring_model: str | None = None

    @property
    def deprivation_codes(self) -> tuple[str, ...]:
        return tuple(d.indicator for d in self.deprivations)


def _check(
    indicator: Indicator, survey: Survey, day: dt.date, errors: list[FieldError]
) -> Deprivation | None:
    t = indicator.threshold
    deprived = False
    who: list[str] = []
    if t.kind in (ThresholdKind.MEMBER_FLAG, ThresholdKind.MEMBER_SHARE_ABOVE):
        flagged = 0
        for n, m in enumerate(survey.members):
            age = m.age_on(day)
            if t.age_from is not None and age < t.age_from:
                continue
            if t.age_below is not None and age >= t.age_below:
                continue
            value = m.facts.get(t.fact)
            if value is None:
                errors.append(
                    field_error(
                        f"members[{n}].facts.{t.fact}",
                        f"thiếu, cần cho chỉ số “{indicator.name}”",
                        "required",
                    )
                )
                continue
            if t.kind is ThresholdKind.MEMBER_FLAG and value is t.deprived_when:
                who.append(m.member_id)
            elif t.kind is ThresholdKind.MEMBER_SHARE_ABOVE and value:
                flagged += 1
        if t.kind is ThresholdKind.MEMBER_FLAG:
            deprived = bool(who)
        else:
            assert t.value is not None
            deprived = flagged * 100 > t.value * len(survey.members)
    else:
        fact = survey.household_facts.get(t.fact)
        path = f"household_facts.{t.fact}"
        if fact is None:
            errors.append(
                field_error(path, f"thiếu, cần cho chỉ số “{indicator.name}”", "required")
            )
            return None
        if t.kind is ThresholdKind.HOUSEHOLD_FLAG:
            if not isinstance(fact, bool):
                errors.append(field_error(path, "phải là có/không"))
                return None
            deprived = fact is t.deprived_when
        else:
            if isinstance(fact, bool) or fact < 0:
                errors.append(field_error(path, "phải là số không âm"))
                return None
            assert t.value is not None
            if t.kind is ThresholdKind.HOUSEHOLD_AT_LEAST:
                deprived = fact >= t.value
            else:  # PER_PERSON_BELOW
                deprived = fact < t.value * len(survey.members)
    if not deprived:
        return None
    return Deprivation(
        indicator.code,
        indicator.name,
        indicator.dimension_name,
        indicator.legal_basis,
        indicator.verified,
        tuple(who),
    )


def deprivations(survey: Survey, standard: Standard) -> tuple[Deprivation, ...]:
    """The indicators ``survey`` is deprived in; raises :class:`SurveyInvalid` naming gaps."""
    errors: list[FieldError] = []
    found = [_check(i, survey, survey.surveyed_on, errors) for i in standard.indicators]
    if errors:
        raise SurveyInvalid(errors=errors)
    return tuple(d for d in found if d is not None)


def status_of(standard: Standard, band: IncomeBand, score_b: int) -> HouseholdStatus:
    deprived = score_b >= standard.poor_min_score_b
    if standard.rule == "income_or_income_band_and_deprivation":
        if band is IncomeBand.POOR_LINE:
            return HouseholdStatus.POOR
        if band is IncomeBand.NEAR_POOR_BAND:
            return HouseholdStatus.POOR if deprived else HouseholdStatus.NEAR_POOR
        return HouseholdStatus.NONE
    if band is IncomeBand.POOR_LINE:
        return HouseholdStatus.POOR if deprived else HouseholdStatus.NEAR_POOR
    if band is IncomeBand.MIDDLE_BAND:
        return HouseholdStatus.AVERAGE_LIVING
    return HouseholdStatus.NONE


def classify(
    survey: Survey, standard: Standard, scoring: ScoringModel | None = None
) -> Classification:
    """Status and deprivations of ``survey`` under ``standard`` (a pure function).

    A scored survey uses ``scoring`` or, by default, the standard's model valid on the survey
    date; a survey with measured income uses the standard's income lines.
    """
    found = deprivations(survey, standard)
    score_b = standard.deprivation_points * len(found)
    score_a: int | None = None
    model_code: str | None = None
    if survey.answers is not None:
        model = scoring or scoring_model_for(standard.code, survey.surveyed_on)
        if model.standard != standard.code:
            raise SurveyInvalid(
                errors=[
                    field_error("answers", f"phiếu {model.code} không thuộc chuẩn {standard.code}")
                ]
            )
        score_a = model.score_a(survey.area.value, survey.answers)
        band = model.band(survey.area.value, score_a)
        model_code = model.code
    else:
        assert survey.income_per_person is not None
        band = standard.income_band(survey.area, survey.income_per_person)
    return Classification(
        household_id=survey.household_id,
        standard_code=standard.code,
        status=status_of(standard, band, score_b),
        income_band=band,
        score_a=score_a,
        score_b=score_b,
        deprivations=found,
        legal_basis=standard.classification_legal_basis,
        scoring_model=model_code,
    )
