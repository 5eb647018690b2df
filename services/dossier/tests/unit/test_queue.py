"""Officers' queues sort by due date; due-soon and overdue are shown."""

from __future__ import annotations

import datetime as dt

from dossier.domain.clock import DueState
from dossier.domain.queue import queue_for

from .dossier_builders import (
    at,
    commune_leader,
    commune_officer,
    district_officer,
    elderly_values,
    received,
    submitted,
)

TODAY = dt.date(2026, 3, 12)


def test_queue_of_a_commune_officer_sorts_by_due_date() -> None:
    old = received(dt.date(2026, 3, 2))  # due 11 Mar: overdue today
    fresh = received(dt.date(2026, 3, 11))  # due 20 Mar
    soon = received(dt.date(2026, 3, 5))  # due 16 Mar: 2 working days left
    paused = received(dt.date(2026, 3, 3))
    paused.request_documents(commune_officer(), at(dt.date(2026, 3, 4)), ("x",), "Thiếu giấy tờ")
    elsewhere = received(dt.date(2026, 3, 2), commune="00007", values=elderly_values("00007"))

    queue = queue_for(commune_officer(), [fresh, paused, old, soon, elsewhere], TODAY)

    assert [i.dossier_id for i in queue] == [old.id, soon.id, fresh.id, paused.id]
    assert [i.due_state for i in queue] == [
        DueState.OVERDUE,
        DueState.DUE_SOON,
        DueState.ON_TIME,
        DueState.PAUSED,
    ]
    assert queue[0].step_name.startswith("Ủy ban nhân dân cấp xã xem xét")


def test_a_dossier_at_the_leader_is_not_in_the_officers_queue() -> None:
    dossier = received(dt.date(2026, 3, 2))
    assert queue_for(district_officer(), [dossier], TODAY) == []


def test_an_online_submission_heads_the_commune_queue_until_received() -> None:
    due = received(dt.date(2026, 3, 2))  # overdue today
    waiting = submitted(dt.date(2026, 3, 11))
    elsewhere = submitted(dt.date(2026, 3, 11), values=elderly_values("00007"))

    queue = queue_for(commune_officer(), [due, waiting, elsewhere], TODAY)

    assert [i.dossier_id for i in queue] == [waiting.id, due.id]
    assert queue[0].due_state is DueState.NOT_STARTED and queue[0].due_on is None
    assert queue[0].step_name == "Chờ tiếp nhận hồ sơ"
    assert queue_for(commune_leader(), [waiting], TODAY) == []
    assert queue_for(district_officer(), [waiting], TODAY) == []
