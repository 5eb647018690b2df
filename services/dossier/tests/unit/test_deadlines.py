"""Deadlines in working days: across Tết, across a swapped day off, across a paused clock."""

from __future__ import annotations

import datetime as dt

from dossier.domain import clock
from dossier.domain.clock import DueState, StepClock, due_state
from dossier.domain.stages import Stage

from .dossier_builders import at, citizen, commune_officer, received, stage_of


def test_legal_basis_is_written_beside_the_rule() -> None:
    assert clock.LEGAL_BASIS.startswith("Decree 20/2021/NĐ-CP Art. 8.1")


def test_commune_review_across_tet_2025() -> None:
    # received Wed 22 Jan 2025; Tết closes offices Mon 27 – Fri 31 Jan (plus the weekends)
    dossier = received(dt.date(2025, 1, 22))
    assert dossier.due_on(dt.date(2025, 1, 22)) == dt.date(2025, 2, 7)  # not 31 Jan


def test_two_level_dossier_across_tet_2026() -> None:
    # received Wed 11 Feb 2026; Tết: Mon 16 – Fri 20 Feb 2026 (Notice 9441/TB-BNV)
    dossier = received(dt.date(2026, 2, 11))
    assert dossier.due_on(dt.date(2026, 2, 11)) == dt.date(2026, 2, 27)
    assert dossier.expected_result_on(dt.date(2026, 2, 11)) == dt.date(2026, 3, 4)


def test_swapped_day_off_and_make_up_saturday() -> None:
    # Sat 22 Aug 2026 is a make-up working day for Mon 31 Aug (day off); 1–2 Sep National Day
    dossier = received(dt.date(2026, 8, 20))
    assert dossier.due_on(dt.date(2026, 8, 20)) == dt.date(2026, 8, 28)  # counts Sat 22 Aug
    assert dossier.expected_result_on(dt.date(2026, 8, 20)) == dt.date(2026, 9, 7)


def test_new_year_swap_2026() -> None:
    # received Wed 31 Dec 2025: Thu 1 Jan holiday, Fri 2 Jan swapped off, Sat 10 Jan worked;
    # 7 working days: 5, 6, 7, 8, 9, Sat 10, Mon 12 Jan
    dossier = received(dt.date(2025, 12, 31))
    assert dossier.due_on(dt.date(2025, 12, 31)) == dt.date(2026, 1, 12)


def test_request_for_documents_pauses_the_clock_until_they_arrive() -> None:
    dossier = received(dt.date(2026, 3, 2))  # two-level: 7 working days of review, due 11 Mar
    assert dossier.due_on(dt.date(2026, 3, 2)) == dt.date(2026, 3, 11)

    dossier.request_documents(
        commune_officer(subject="can-bo"),
        at(dt.date(2026, 3, 4)),
        ("xac_nhan_dang_hoc",),
        "Thiếu giấy tờ",
    )
    assert stage_of(dossier) is Stage.AWAITING_DOCUMENTS
    assert dossier.due_on(dt.date(2026, 3, 10)) is None
    assert dossier.expected_result_on(dt.date(2026, 3, 10)) is None
    assert due_state(dossier.due_on(dt.date(2026, 3, 10)), dt.date(2026, 3, 10)) is DueState.PAUSED

    dossier.supplement_documents(citizen(), at(dt.date(2026, 3, 16)), ("xac_nhan_dang_hoc",))
    assert stage_of(dossier) is Stage.IN_APPRAISAL
    # 2 working days used before the pause, 5 left from Mon 16 Mar
    assert dossier.due_on(dt.date(2026, 3, 16)) == dt.date(2026, 3, 23)
    assert dossier.expected_result_on(dt.date(2026, 3, 16)) == dt.date(2026, 3, 26)
    usage = dossier.step_usage(dt.date(2026, 3, 18))[0]
    assert usage.used_working_days == 4
    assert usage.paused_working_days == 8


def test_pause_across_tet_counts_only_working_days_left() -> None:
    clock_ = StepClock.start(7, dt.date(2026, 2, 9))  # Mon before Tết 2026
    clock_.pause(dt.date(2026, 2, 11))  # 2 working days used
    clock_.resume(dt.date(2026, 2, 24))
    assert clock_.due_on == dt.date(2026, 3, 3)  # 5 working days from Tue 24 Feb
    assert clock_.paused_days == 4  # Thu 12, Fri 13, Mon 23, Tue 24 Feb (Tết in between)


def test_due_soon_and_overdue() -> None:
    due = dt.date(2026, 3, 11)
    assert due_state(due, dt.date(2026, 3, 2)) is DueState.ON_TIME
    assert due_state(due, dt.date(2026, 3, 9)) is DueState.DUE_SOON
    assert due_state(due, dt.date(2026, 3, 11)) is DueState.DUE_SOON
    assert due_state(due, dt.date(2026, 3, 12)) is DueState.OVERDUE


def test_an_overrun_step_is_shown() -> None:
    dossier = received(dt.date(2026, 3, 2))
    usage = dossier.step_usage(dt.date(2026, 3, 20))[0]
    assert usage.used_working_days == 14 and usage.overrun


def test_local_date_is_vietnam_time() -> None:
    late_utc = dt.datetime(2026, 3, 1, 18, 30, tzinfo=dt.UTC)  # 01:30 on 2 Mar in Hà Nội
    assert clock.local_date(late_utc) == dt.date(2026, 3, 2)


def test_pausing_never_changes_the_working_days_a_step_gets() -> None:
    """Over every start day of Jan–Feb 2026 (New Year swap and Tết), every length and pause."""
    from ansinh_common.catalogs.working_days import (
        add_working_days,
        is_working_day,
        working_days_between,
    )

    checked = 0
    day = dt.date(2026, 1, 1)
    while day < dt.date(2026, 3, 1):
        for n in (1, 3, 7, 10):
            for k in range(n):
                pause_on = add_working_days(day, k)
                resume_on = add_working_days(pause_on, 4)
                clock_ = StepClock.start(n, day)
                clock_.pause(pause_on)
                clock_.resume(resume_on)
                due = clock_.due_on
                assert due is not None and is_working_day(due)
                assert due == add_working_days(day, n + working_days_between(pause_on, resume_on))
                assert clock_.used(due) == n and clock_.left(due) == 0
                assert clock_.used(add_working_days(due, 1)) == n + 1
                checked += 1
        day += dt.timedelta(days=1)
    assert checked == 59 * (1 + 3 + 7 + 10)


def test_naive_timestamps_are_refused() -> None:
    import pytest

    with pytest.raises(ValueError, match="time zone"):
        clock.local_date(dt.datetime(2026, 3, 2, 9))
