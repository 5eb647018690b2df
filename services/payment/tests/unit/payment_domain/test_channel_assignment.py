"""The ID → account mapping with its history decides the channel (Decree 20/2021/NĐ-CP Art. 8;
Decision 06/QĐ-TTg on non-cash social payments)."""

from __future__ import annotations

from payment.domain import channel_assignment
from payment.domain.channel_assignment import (
    ChannelAssignment,
    assignment_errors,
    channel_in_force,
    projected_assignment,
)
from payment.domain.months import Month
from payment.domain.registry_record import RecordChannel


def test_legal_basis_is_written_beside_the_rule() -> None:
    assert channel_assignment.LEGAL_BASIS.startswith("Decree 20/2021/NĐ-CP Art. 8")


def test_the_assignment_in_force_is_the_latest_started() -> None:
    cash = ChannelAssignment("b-1", "VNPOST", Month(2024, 1), point_code="BD-01")
    bank = ChannelAssignment("b-1", "VBSP", Month(2025, 3), None, "0123456789", "NGUYỄN VĂN A")
    history = [bank, cash]
    assert channel_in_force(history, Month(2023, 12)) is None
    assert channel_in_force(history, Month(2025, 2)) == cash
    assert channel_in_force(history, Month(2025, 3)) == bank
    assert cash.is_cash and not bank.is_cash


def test_each_channel_needs_its_own_facts() -> None:
    no_point = ChannelAssignment("b-1", "VNPOST", Month(2024, 1))
    assert [e.field for e in assignment_errors(no_point)] == ["channel.point_code"]
    no_account = ChannelAssignment("b-1", "MOMO", Month(2024, 1))
    assert [e.field for e in assignment_errors(no_account)] == [
        "channel.account_number", "channel.account_holder",
    ]  # fmt: skip
    unknown = ChannelAssignment("b-1", "PAYPAL", Month(2024, 1))
    assert "không có trong danh mục" in assignment_errors(unknown)[0].message
    commune_cash = ChannelAssignment("b-1", "CASH_COMMUNE", Month(2024, 1))
    assert assignment_errors(commune_cash) == []


def test_the_registry_s_channel_opens_a_version_only_when_it_says_something_new() -> None:
    first, changed = Month(2024, 7), Month(2025, 3)
    bank = RecordChannel("VBSP", "0011", "Nguyễn Văn A")
    opened = projected_assignment("P", bank, [], first, Month(2024, 9))
    # the first version pays from the first month owed
    assert opened == ChannelAssignment("P", "VBSP", first, None, "0011", "Nguyễn Văn A")
    assert projected_assignment("P", bank, [opened], first, changed) is None  # nothing new
    assert projected_assignment("P", None, [], first, changed) is None  # no channel recorded
    other = RecordChannel("VBSP", "0099", "Nguyễn Văn A")
    moved = projected_assignment("P", other, [opened], first, changed)
    # a new account from the month of the registry's change; the old version stays in force
    # for the months before
    assert moved == ChannelAssignment("P", "VBSP", changed, None, "0099", "Nguyễn Văn A")
    assert moved is not None
    assert channel_in_force([opened, moved], Month(2025, 2)) == opened
    assert channel_in_force([opened, moved], changed) == moved


def test_a_postal_point_recorded_by_the_commune_is_kept() -> None:
    first = Month(2024, 7)
    post = ChannelAssignment("P", "VNPOST", first, "BĐ-Ba Đình", None, None)
    assert projected_assignment("P", RecordChannel("VNPOST"), [post], first, first) is None
    bank = RecordChannel("AGRIBANK", "77", "P")
    assert projected_assignment("P", bank, [post], first, Month(2025, 1)) == ChannelAssignment(
        "P", "AGRIBANK", Month(2025, 1), None, "77", "P"
    )
