"""Actions out of order are refused on the server and change nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

import pytest

from dossier.domain.dossier import Dossier
from dossier.domain.errors import ActionOutOfOrder
from dossier.domain.stages import Stage

from .dossier_builders import (
    ALLOWANCE,
    MODELS,
    UNITS,
    at,
    citizen,
    commune_leader,
    commune_officer,
    district_leader,
    district_officer,
    received,
    stage_of,
    submitted,
)

DAY = dt.date(2025, 3, 3)  # three-level
LATER = at(dt.date(2025, 3, 20))

Act = Callable[[Dossier], None]

ACTIONS: dict[str, Act] = {
    "receive": lambda d: d.receive(
        commune_officer(), LATER, procedure=ALLOWANCE, units=UNITS, models=MODELS
    ),
    "refuse_receipt": lambda d: d.refuse_receipt(commune_officer(), LATER, "Thiếu tờ khai"),
    "request_documents": lambda d: d.request_documents(commune_officer(), LATER, ("x",), "Thiếu"),
    "supplement_documents": lambda d: d.supplement_documents(citizen(), LATER, ("x",)),
    "post_publicly": lambda d: d.post_publicly(commune_officer(), LATER),
    "record_objection": lambda d: d.record_objection(commune_officer(), LATER, "Khiếu nại"),
    "forward": lambda d: d.forward(commune_leader(), LATER),
    "appraise": lambda d: d.appraise(
        district_officer(), LATER, eligible=True, category_code="5.5a", coefficient=Decimal("1.5")
    ),
    "approve": lambda d: d.approve(district_officer(subject="truong-phong"), LATER),
    "reject": lambda d: d.reject(district_officer(subject="truong-phong"), LATER, "Không đủ"),
    "decide": lambda d: d.decide(district_leader(), LATER, decision_number="1/QĐ"),
    "return_result": lambda d: d.return_result(commune_officer(), LATER),
    "withdraw": lambda d: d.withdraw(citizen(), LATER, "Không cần nữa"),
    "amend": lambda d: d.amend(citizen(), LATER, procedure=ALLOWANCE, changes={"phone": "0912"}),
}

# The actions that are in order in each state (everything else must be refused).
ALLOWED: dict[Stage, set[str]] = {
    Stage.SUBMITTED: {"receive", "refuse_receipt", "withdraw", "amend"},
    Stage.IN_REVIEW: {"request_documents", "post_publicly", "withdraw"},
    Stage.AWAITING_DOCUMENTS: {"supplement_documents", "withdraw", "amend"},
    Stage.POSTED: {"record_objection", "forward", "withdraw"},
    Stage.IN_APPRAISAL: {"request_documents", "appraise", "withdraw"},
    Stage.APPRAISED: {"approve", "reject", "withdraw"},
    Stage.APPROVED: {"decide", "reject", "withdraw"},
    Stage.DECIDED: {"return_result"},
    Stage.RESULT_RETURNED: set(),
}
PATH = [
    Stage.IN_REVIEW,
    Stage.POSTED,
    Stage.IN_APPRAISAL,
    Stage.APPRAISED,
    Stage.APPROVED,
    Stage.DECIDED,
    Stage.RESULT_RETURNED,
]
STEPS: dict[Stage, Act] = {
    Stage.POSTED: lambda d: d.post_publicly(commune_officer(), at(dt.date(2025, 3, 4))),
    Stage.IN_APPRAISAL: lambda d: d.forward(commune_leader(), at(dt.date(2025, 3, 7))),
    Stage.APPRAISED: lambda d: d.appraise(
        district_officer(subject="tham-dinh"),
        at(dt.date(2025, 3, 10)),
        eligible=True,
        category_code="5.5a",
        coefficient=Decimal("1.5"),
    ),
    Stage.APPROVED: lambda d: d.approve(
        district_officer(subject="truong-phong"), at(dt.date(2025, 3, 11))
    ),
    Stage.DECIDED: lambda d: d.decide(
        district_leader(), at(dt.date(2025, 3, 12)), decision_number="9/QĐ"
    ),
    Stage.RESULT_RETURNED: lambda d: d.return_result(commune_officer(), at(dt.date(2025, 3, 13))),
}


def in_stage(stage: Stage) -> Dossier:
    if stage is Stage.SUBMITTED:
        return submitted(DAY)
    dossier = received(DAY)
    if stage is Stage.AWAITING_DOCUMENTS:
        dossier.request_documents(commune_officer(), at(dt.date(2025, 3, 4)), ("x",), "Thiếu")
        return dossier
    for step in PATH[1 : PATH.index(stage) + 1]:
        STEPS[step](dossier)
    assert dossier.stage is stage
    return dossier


CASES = [(stage, name) for stage in ALLOWED for name in ACTIONS if name not in ALLOWED[stage]]


@pytest.mark.parametrize(("stage", "name"), CASES, ids=[f"{s}-{n}" for s, n in CASES])
def test_action_out_of_order_is_refused_and_changes_nothing(stage: Stage, name: str) -> None:
    dossier = in_stage(stage)
    version, events, history = dossier.version, list(dossier.events), list(dossier.history)

    with pytest.raises(ActionOutOfOrder) as refused:
        ACTIONS[name](dossier)

    assert "trạng thái" in refused.value.detail
    assert stage_of(dossier) is stage
    assert (dossier.version, dossier.events, dossier.history) == (version, events, history)


def test_decision_cannot_be_signed_before_approval() -> None:
    dossier = received(DAY)
    dossier.post_publicly(commune_officer(), at(dt.date(2025, 3, 4)))
    dossier.forward(commune_leader(), at(dt.date(2025, 3, 7)))
    with pytest.raises(ActionOutOfOrder, match="Ký quyết định"):
        dossier.decide(district_leader(), at(dt.date(2025, 3, 8)), decision_number="1/QĐ")


def test_two_level_has_no_public_posting() -> None:
    dossier = received(dt.date(2026, 3, 2))
    with pytest.raises(ActionOutOfOrder):
        dossier.post_publicly(commune_officer(), at(dt.date(2026, 3, 3)))


def test_withdrawn_dossier_accepts_nothing_more() -> None:
    dossier = received(DAY)
    dossier.withdraw(citizen(), at(dt.date(2025, 3, 4)), "Đã chuyển đi nơi khác")
    assert stage_of(dossier) is Stage.WITHDRAWN
    assert dossier.due_on(dt.date(2025, 3, 4)) is None
    with pytest.raises(ActionOutOfOrder):
        dossier.post_publicly(commune_officer(), at(dt.date(2025, 3, 5)))
