"""Payment channels for monthly allowances (hình thức chi trả).

Decree 20/2021/NĐ-CP Art. 8 and Circular 02/2021/TT-BLĐTBXH let the commune pay directly,
or through a payment service organisation (tổ chức dịch vụ chi trả: the postal network) or
an account (bank account, e-wallet, mobile money — Decision 316/QĐ-TTg of 2021 on the Mobile
Money pilot; Project 06 / Decision 06/QĐ-TTg on non-cash social-benefit payment).
A small catalog: add a row to add a channel.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class ChannelKind(StrEnum):
    CASH_AT_COMMUNE = "cash_at_commune"
    POSTAL = "postal"
    BANK = "bank"
    E_WALLET = "e_wallet"
    MOBILE_MONEY = "mobile_money"


@dataclass(frozen=True, slots=True)
class PaymentChannel:
    code: str
    name: str
    kind: ChannelKind
    needs_account: bool
    legal_basis: str


_DECREE_20 = "Decree 20/2021/NĐ-CP Art. 8; Circular 02/2021/TT-BLĐTBXH"
_ACCOUNT = "Decree 20/2021/NĐ-CP Art. 8 (payment to an account); Decision 06/QĐ-TTg (2022)"
_MOBILE = "Decision 316/QĐ-TTg (2021) on the Mobile Money pilot"

PAYMENT_CHANNELS: tuple[PaymentChannel, ...] = (
    PaymentChannel(
        "CASH_COMMUNE",
        "Chi trả trực tiếp tại UBND xã",
        ChannelKind.CASH_AT_COMMUNE,
        False,
        _DECREE_20,
    ),
    PaymentChannel(
        "VNPOST",
        "Bưu điện Việt Nam (điểm chi trả bưu điện)",
        ChannelKind.POSTAL,
        False,
        _DECREE_20,
    ),
    PaymentChannel("VBSP", "Ngân hàng Chính sách xã hội", ChannelKind.BANK, True, _ACCOUNT),
    PaymentChannel(
        "AGRIBANK",
        "Ngân hàng Nông nghiệp và Phát triển Nông thôn Việt Nam",
        ChannelKind.BANK,
        True,
        _ACCOUNT,
    ),
    PaymentChannel(
        "VIETCOMBANK", "Ngân hàng TMCP Ngoại thương Việt Nam", ChannelKind.BANK, True, _ACCOUNT
    ),
    PaymentChannel(
        "VIETINBANK", "Ngân hàng TMCP Công Thương Việt Nam", ChannelKind.BANK, True, _ACCOUNT
    ),
    PaymentChannel(
        "BIDV", "Ngân hàng TMCP Đầu tư và Phát triển Việt Nam", ChannelKind.BANK, True, _ACCOUNT
    ),
    PaymentChannel("LPBANK", "Ngân hàng TMCP Lộc Phát Việt Nam", ChannelKind.BANK, True, _ACCOUNT),
    PaymentChannel("OTHER_BANK", "Ngân hàng khác", ChannelKind.BANK, True, _ACCOUNT),
    PaymentChannel("MOMO", "Ví điện tử MoMo", ChannelKind.E_WALLET, True, _ACCOUNT),
    PaymentChannel("ZALOPAY", "Ví điện tử ZaloPay", ChannelKind.E_WALLET, True, _ACCOUNT),
    PaymentChannel("VNPTMONEY", "VNPT Money", ChannelKind.E_WALLET, True, _ACCOUNT),
    PaymentChannel("OTHER_WALLET", "Ví điện tử khác", ChannelKind.E_WALLET, True, _ACCOUNT),
    PaymentChannel(
        "VIETTEL_MM", "Viettel Money (Mobile Money)", ChannelKind.MOBILE_MONEY, True, _MOBILE
    ),
    PaymentChannel("VNPT_MM", "VNPT Mobile Money", ChannelKind.MOBILE_MONEY, True, _MOBILE),
    PaymentChannel(
        "MOBIFONE_MM", "MobiFone Money (Mobile Money)", ChannelKind.MOBILE_MONEY, True, _MOBILE
    ),
)

_BY_CODE = {c.code: c for c in PAYMENT_CHANNELS}


def get_payment_channel(code: str) -> PaymentChannel:
    """A channel by code; raises ``KeyError``."""
    return _BY_CODE[code]


def payment_channels(kind: ChannelKind | str | None = None) -> tuple[PaymentChannel, ...]:
    """All channels, or those of one kind."""
    k = ChannelKind(kind) if kind is not None else None
    return tuple(c for c in PAYMENT_CHANNELS if k is None or c.kind is k)
