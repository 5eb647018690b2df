"""The ID → account mapping with its history decides the channel (Decree 20/2021/NĐ-CP Art. 8;
Decision 06/QĐ-TTg on non-cash social payments)."""

from __future__ import annotations

from payment.domain import channel_assignment
from payment.domain.channel_assignment import (
    ChannelAssignment,
    assignment_errors,
    channel_in_force,
)
from payment.domain.months import Month


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
