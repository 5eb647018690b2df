"""The budget read model: payment lists and payment results, and the budget report (ADR 0029).

Plain data, no I/O. Amounts are integer VND. Owed = the total of the month's lists as last
generated; paid = the lines whose latest result is ``paid``, by channel; the share paid
through accounts (bank, e-wallet, mobile money) versus cash. By Art. 5 group and channel, with
arrears (lines paying an earlier month) apart: the totals the payment events carry (ADR 0035).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ansinh_common.catalogs.payment_channels import payment_channels
from reporting.domain.model import UnitCodes
from reporting.domain.reports import UnitScope

LEGAL_BASIS = (
    "Decree 20/2021/NĐ-CP Art. 8 (monthly payment) and Circular 02/2021/TT-BLĐTBXH (payment "
    "through accounts or in cash at the commune's payment points)"
)

_CASH = {"cash"} | {c.code.lower() for c in payment_channels() if not c.needs_account}


def through_account(channel: str) -> bool:
    """Paid into an account or wallet (not in cash nor by post)."""
    return channel.lower() not in _CASH


@dataclass(frozen=True, slots=True)
class GroupTotal:
    """A list's lines for one Art. 5 group (or care-support kind, or line kind), channel and
    arrears flag."""

    group_code: str
    channel: str
    arrears: bool
    lines: int
    amount_vnd: int


@dataclass(frozen=True, slots=True, kw_only=True)
class ListRow:
    """``rm_payment_list``: a commune's list for a month (last generation, approval, close)."""

    list_id: str
    province_code: str
    units: UnitCodes
    month: date
    lines: int | None = None
    owed_vnd: int | None = None
    approved_vnd: int | None = None
    closed: bool = False
    owed_totals: tuple[GroupTotal, ...] | None = None  # ListGenerated
    approved_totals: tuple[GroupTotal, ...] | None = None  # ListApproved


@dataclass(frozen=True, slots=True, kw_only=True)
class ResultRow:
    """``rm_payment_result``: one result of one line, keyed by the event id."""

    event_id: str
    line_id: str
    units: UnitCodes
    month: date
    outcome: str
    channel: str
    amount_vnd: int
    group_code: str = ""
    arrears: bool = False


@dataclass(frozen=True, slots=True, order=True)
class BudgetLine:
    """One line of the budget form: a group, a channel, arrears or the month's own lines."""

    group_code: str
    channel: str
    arrears: bool
    owed_vnd: int = 0
    approved_vnd: int = 0
    paid_vnd: int = 0
    unpaid_vnd: int = 0


Key = tuple[str, str, bool]  # (group, channel, arrears)


def budget_lines(
    owed: dict[Key, int], approved: dict[Key, int], paid: dict[Key, int], unpaid: dict[Key, int]
) -> tuple[BudgetLine, ...]:
    """The figures merged per (group, channel, arrears), ordered by group, channel, the month's
    own lines before arrears."""
    keys = sorted(set(owed) | set(approved) | set(paid) | set(unpaid))
    return tuple(
        BudgetLine(g, c, a, owed.get((g, c, a), 0), approved.get((g, c, a), 0),
                   paid.get((g, c, a), 0), unpaid.get((g, c, a), 0))
        for g, c, a in keys
    )  # fmt: skip


@dataclass(frozen=True, slots=True)
class BudgetReport:
    scope: UnitScope
    month: date
    lists: int
    closed: int
    owed_vnd: int
    approved_vnd: int
    paid_vnd: int
    unpaid_vnd: int  # latest result failed or returned
    paid_by_channel: dict[str, int] = field(default_factory=dict)
    lines: tuple[BudgetLine, ...] = ()

    @property
    def arrears_owed_vnd(self) -> int:
        return sum(line.owed_vnd for line in self.lines if line.arrears)

    @property
    def arrears_paid_vnd(self) -> int:
        return sum(line.paid_vnd for line in self.lines if line.arrears)

    @property
    def account_share(self) -> float:
        """Share of the amount paid that went through accounts (0 when nothing was paid)."""
        through = sum(v for k, v in self.paid_by_channel.items() if through_account(k))
        return through / self.paid_vnd if self.paid_vnd else 0.0
