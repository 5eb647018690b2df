"""Which channel pays a beneficiary: the ID → account mapping, with its history.

Channels are the shared catalog's (``ansinh_common.catalogs.payment_channels``: cash at the
commune, postal payment points, banks, e-wallets, mobile money; Decree 20/2021/NĐ-CP Art. 8,
Decision 06/QĐ-TTg on non-cash social payments). Each assignment is valid from a month; the one
in force for a month is the latest starting on or before it, so the history is never edited.
A cash channel names the payment point, an account channel the account number and holder.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ansinh_common.catalogs.payment_channels import ChannelKind, get_payment_channel
from ansinh_common.errors import FieldError
from payment.domain.months import Month
from payment.domain.registry_record import RecordChannel

LEGAL_BASIS = "Decree 20/2021/NĐ-CP Art. 8; Decision 06/QĐ-TTg (2022)"
CASH_KINDS = frozenset({ChannelKind.CASH_AT_COMMUNE, ChannelKind.POSTAL})


@dataclass(frozen=True, slots=True)
class ChannelAssignment:
    beneficiary_id: str
    channel_code: str
    valid_from: Month
    point_code: str | None = None  # cash: the postal payment point (điểm chi trả)
    account_number: str | None = None
    account_holder: str | None = None

    @property
    def is_cash(self) -> bool:
        return get_payment_channel(self.channel_code).kind in CASH_KINDS


def assignment_errors(a: ChannelAssignment, prefix: str = "channel") -> list[FieldError]:
    """Field errors: unknown channel, cash without a point, account channel without account."""
    try:
        channel = get_payment_channel(a.channel_code)
    except KeyError:
        return [FieldError(f"{prefix}.channel_code", f"Hình thức chi trả '{a.channel_code}' "
                           "không có trong danh mục.")]  # fmt: skip
    errors: list[FieldError] = []
    if channel.kind is ChannelKind.POSTAL and not (a.point_code or "").strip():
        errors.append(
            FieldError(f"{prefix}.point_code", "Thiếu điểm chi trả bưu điện.", "required")
        )
    if channel.needs_account:
        if not (a.account_number or "").strip():
            errors.append(
                FieldError(f"{prefix}.account_number", "Thiếu số tài khoản/ví.", "required")
            )
        if not (a.account_holder or "").strip():
            errors.append(
                FieldError(f"{prefix}.account_holder", "Thiếu tên chủ tài khoản.", "required")
            )
    return errors


def projected_assignment(
    person_id: str,
    channel: RecordChannel | None,
    history: Iterable[ChannelAssignment],
    first_month: Month,
    changed_in: Month,
) -> ChannelAssignment | None:
    """The version the registry's channel adds to the person's history (``None``: nothing new).

    Nothing when the registry records no channel, or when the latest version already says the
    same channel, account and holder (a postal point recorded by the commune is kept). The
    first version is valid from the first month owed (the first list pays through it); a
    change from the month of the registry's change (``changed_in``), never before the first
    month owed: the version before it stays in the history and still pays the months before.
    On a postal channel the point of the latest postal version is carried over."""
    if channel is None:
        return None
    versions = sorted(history, key=lambda a: a.valid_from)
    latest = versions[-1] if versions else None
    if latest is not None and (latest.channel_code, latest.account_number,
                               latest.account_holder) == (channel.channel_code,
                               channel.account_number, channel.account_holder):  # fmt: skip
        return None
    valid_from = first_month if latest is None else max(changed_in, first_month)
    point = latest.point_code if latest and latest.channel_code == channel.channel_code else None
    return ChannelAssignment(
        person_id, channel.channel_code, valid_from, point, channel.account_number,
        channel.account_holder,
    )  # fmt: skip


def channel_in_force(
    history: Iterable[ChannelAssignment], month: Month
) -> ChannelAssignment | None:
    """The assignment that pays ``month`` (``None``: none yet, the commune pays in cash)."""
    started = [a for a in history if a.valid_from <= month]
    return max(started, key=lambda a: a.valid_from) if started else None
