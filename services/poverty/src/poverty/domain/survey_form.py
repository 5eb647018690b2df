"""What a survey form asks under a standard: the facts its indicator thresholds read (per member
or per household, a yes/no answer or a number) and the scored survey's questions (Phiếu B).

Built from the standard's data (``data/standards.json``) and its scoring model
(``data/scoring/*.json``): another standard gets its own form without code. The web client
and the Excel list show these; the server computes scores and classifies.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from poverty.domain.scoring import ScoringModel
from poverty.domain.standards import Standard, ThresholdKind

FACT_LABELS: Mapping[str, str] = {
    "non_durable_main_parts": "Số kết cấu chính không bền chắc (0-3)",
    "floor_area_m2": "Diện tích nhà ở (m²)",
    "safe_water": "Nước sinh hoạt an toàn",
    "hygienic_water": "Nước sinh hoạt hợp vệ sinh",
    "hygienic_latrine": "Nhà tiêu hợp vệ sinh",
    "uses_telecom": "Sử dụng dịch vụ viễn thông",
    "has_information_means": "Có phương tiện tiếp cận thông tin",
    "house_temporary_or_dilapidated": "Nhà tạm hoặc nhà thiếu kiên cố",
    "has_health_insurance": "Có bảo hiểm y tế",
    "stunted_or_underweight": "Trẻ suy dinh dưỡng thấp còi hoặc nhẹ cân",
    "expected_education_or_in_training": "Đạt trình độ giáo dục hoặc đang đi học, học nghề",
    "in_grade_for_age": "Đi học đúng độ tuổi",
    "unemployed_or_uncontracted_wage_job": "Không có việc làm hoặc làm công không hợp đồng",
    "dependant": "Người phụ thuộc",
    "works": "Đang làm việc",
    "lower_secondary_or_in_school": "Tốt nghiệp THCS hoặc đang đi học",
    "attends_school": "Đang đi học",
    "sick_untreated": "Ốm đau không đi khám chữa bệnh",
}
MEMBER_KINDS = frozenset({ThresholdKind.MEMBER_FLAG, ThresholdKind.MEMBER_SHARE_ABOVE})
COUNT_KINDS = frozenset({ThresholdKind.HOUSEHOLD_AT_LEAST, ThresholdKind.PER_PERSON_BELOW})
WORKS = "works"  # read by the low-income worker rule, not by a threshold


@dataclass(frozen=True, slots=True)
class FormFact:
    name: str
    label: str
    count: bool  # a number (area, parts) rather than yes/no
    indicator: str  # the indicator's name ("" for ``works``)
    age_from: int | None = None
    age_below: int | None = None


@dataclass(frozen=True, slots=True)
class FormOption:
    code: str
    label: str


@dataclass(frozen=True, slots=True)
class FormQuestion:
    code: str
    question: str
    options: tuple[FormOption, ...]


@dataclass(frozen=True, slots=True)
class SurveyForm:
    standard_code: str
    household_facts: tuple[FormFact, ...]
    member_facts: tuple[FormFact, ...]
    questions: tuple[FormQuestion, ...]  # Phiếu B; empty when no scoring model applies
    scoring_verified: bool


def survey_form(standard: Standard, scoring: ScoringModel | None) -> SurveyForm:
    household: list[FormFact] = []
    member: list[FormFact] = []
    seen: set[str] = set()
    for i in standard.indicators:
        t = i.threshold
        if t.fact in seen:
            continue
        seen.add(t.fact)
        fact = FormFact(
            t.fact, FACT_LABELS.get(t.fact, t.fact), t.kind in COUNT_KINDS, i.name,
            t.age_from, t.age_below,
        )  # fmt: skip
        (member if t.kind in MEMBER_KINDS else household).append(fact)
    member.append(FormFact(WORKS, FACT_LABELS[WORKS], False, ""))
    questions = tuple(
        FormQuestion(q.code, q.question, tuple(FormOption(o.code, o.label) for o in q.options))
        for q in (scoring.items if scoring else ())
    )
    return SurveyForm(
        standard.code, tuple(household), tuple(member), questions,
        scoring.verified if scoring else False,
    )  # fmt: skip
