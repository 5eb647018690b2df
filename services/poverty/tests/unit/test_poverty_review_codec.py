"""A review survives the trip to its JSON document and back at every step (what the
``reviews`` table stores), classifications, meetings, objections and decision included."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

from poverty.adapters.review_codec import review_from_json, review_to_json
from poverty.domain.review import Review

from .poverty_builders import CHAIR, DISTRICT_CHAIR, OFFICER
from .test_poverty_review import (
    _annual,
    _listed,
    _meeting,
    _survey_all,
)


def _same_after_round_trip(review: Review) -> None:
    document = json.loads(json.dumps(review_to_json(review), ensure_ascii=False))
    back = review_from_json(document)
    assert back == dataclasses.replace(review, events=[])
    assert back.step is review.step


def test_every_step_round_trips() -> None:
    review = _annual(dt.date(2024, 9, 3))
    _same_after_round_trip(review)
    _listed(review)
    _same_after_round_trip(review)
    _survey_all(review)
    _same_after_round_trip(review)
    _meeting(review, "A", {"H1": 5, "H2": 4, "H3": 9})  # H2 goes back to the survey
    _meeting(review, "B", {"H4": 10, "H5": 6})
    _same_after_round_trip(review)
    review = review_from_json(review_to_json(review))  # continue on the loaded one
    from .test_poverty_review import _surveyed

    _surveyed(review, "H2", 2_400_000, 0)
    _meeting(review, "A", {"H2": 7})
    review.start_posting(dt.date(2024, 10, 10), OFFICER)
    review.record_objection(
        "O1", "H2", raised_by="Ông Ba", text="Khiếu nại", on=dt.date(2024, 10, 11), actor=OFFICER
    )
    _same_after_round_trip(review)
    review.settle_objection("O1", resolution="Giữ nguyên", on=dt.date(2024, 10, 12), actor=OFFICER)
    review.end_posting(dt.date(2024, 10, 13), OFFICER)
    review.record_district_opinion(
        opinion="Đồng ý", agrees=True, on=dt.date(2024, 10, 15), actor=DISTRICT_CHAIR
    )
    review.decide(
        decision_number="15/QĐ-UBND",
        on=dt.date(2024, 10, 20),
        actor=CHAIR,
        refusal_reasons={"H5": "Hộ vẫn dưới chuẩn nghèo."},
    )
    _same_after_round_trip(review)
