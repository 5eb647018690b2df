"""What a record grants: disability facts, care-support links and how the money is paid."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum


@dataclass(frozen=True, slots=True)
class Disability:
    """Disability type (dạng tật) and level (mức độ), codes of ``catalogs.disability``.

    ``certified_on`` is the issue date of the disability certificate: the disability
    allowance starts from that month (Decree 20/2021/NĐ-CP Art. 8).
    """

    type_code: str | None = None
    level_code: str | None = None
    certified_on: date | None = None


class CaregiverKind(StrEnum):
    HOUSEHOLD = "household"  # hộ gia đình nhận chăm sóc, nuôi dưỡng
    PERSON = "person"  # cá nhân nhận chăm sóc, nuôi dưỡng


@dataclass(frozen=True, slots=True)
class CareSupportLink:
    """Care support (hỗ trợ kinh phí chăm sóc, nuôi dưỡng) paid to whoever cares for the
    beneficiary, at its own coefficient (Decree 20/2021/NĐ-CP Art. 20).

    ``caregiver_id`` is the caregiver's personal ID number (person) or household code;
    ``category_code``/``condition`` are the catalog's care-support entries ("20.1" … "20.4").
    """

    caregiver_kind: CaregiverKind
    caregiver_id: str
    caregiver_name: str
    category_code: str
    condition: str
    coefficient: Decimal


@dataclass(frozen=True, slots=True)
class PaymentInfo:
    """Payment channel (``catalogs.payment_channels`` code) and, for account channels, the
    account number and its holder."""

    channel_code: str
    account_number: str | None = None
    account_holder: str | None = None
