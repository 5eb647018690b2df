"""Officers' work queues: the dossiers waiting for a unit, soonest due first.

A dossier submitted online (or by a provincial system) waits for the one-stop desk of the
applicant's commune before any step runs: it heads that commune's officers' queue, oldest
submission first, as "awaiting receipt" (no due date yet: the clock starts at receipt).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from ansinh_common.authz import Kind, Level
from dossier.domain.actor import Actor
from dossier.domain.clock import DUE_SOON_WORKING_DAYS, DueState, due_state
from dossier.domain.dossier import Dossier
from dossier.domain.stages import ACTION_LABELS, Action, Stage

AWAITING_RECEIPT = f"Chờ {ACTION_LABELS[Action.RECEIVE].lower()}"


@dataclass(frozen=True, slots=True)
class QueueItem:
    dossier_id: str
    dossier_code: str
    stage: Stage
    step_name: str
    unit_code: str
    due_on: dt.date | None
    due_state: DueState
    expected_result_on: dt.date | None


def queue_item(
    dossier: Dossier, today: dt.date, soon: int = DUE_SOON_WORKING_DAYS
) -> QueueItem | None:
    run = dossier.current_step(today)
    if run is None:
        return None
    due = run.clock.due_on
    return QueueItem(
        dossier.id,
        str(dossier.code),
        dossier.stage,
        run.planned.step.name,
        run.planned.unit_code,
        due,
        due_state(due, today, soon),
        dossier.expected_result_on(today),
    )


def awaiting_receipt(dossier: Dossier) -> QueueItem:
    return QueueItem(
        dossier.id,
        str(dossier.code),
        dossier.stage,
        AWAITING_RECEIPT,
        dossier.commune_code,
        None,
        DueState.NOT_STARTED,
        None,
    )


def order_queue(items: Iterable[QueueItem]) -> list[QueueItem]:
    """Awaiting receipt first (by code: submission order); then by due date, earliest first;
    paused dossiers (no due date) last; then by code."""
    return sorted(
        items,
        key=lambda i: (
            i.due_state is not DueState.NOT_STARTED,
            i.due_on is None,
            i.due_on or dt.date.max,
            i.dossier_code,
        ),
    )


def _receives(actor: Actor, dossier: Dossier) -> bool:
    return (
        dossier.stage is Stage.SUBMITTED
        and actor.unit_code == dossier.commune_code
        and actor.holds(frozenset({Kind.OFFICER}), Level.COMMUNE)
    )


def queue_for(actor: Actor, dossiers: Iterable[Dossier], today: dt.date) -> list[QueueItem]:
    """The dossiers whose running step the actor's unit and role handle, soonest due first."""
    items = []
    for dossier in dossiers:
        if _receives(actor, dossier):
            items.append(awaiting_receipt(dossier))
            continue
        run = dossier.current_step(today)
        if run is None or run.planned.unit_code != actor.unit_code:
            continue
        if not actor.holds(run.planned.step.roles, run.planned.step.level):
            continue
        item = queue_item(dossier, today)
        if item is not None:
            items.append(item)
    return order_queue(items)
