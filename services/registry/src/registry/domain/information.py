"""Information change (thay đổi thông tin): new values for some fields, others unchanged."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from datetime import date
from typing import TypeVar

from registry.domain.benefit import Disability, PaymentInfo
from registry.domain.person import Gender, Person

T = TypeVar("T")

# Attribute → field path as the field policy (and the authz check) names it.
FIELD_PATHS = {
    "full_name": "full_name",
    "birth_date": "birth_date",
    "gender": "gender",
    "personal_id": "personal_id",
    "ethnicity_code": "ethnicity_code",
    "phone": "contact.phone",
    "address": "contact.address",
    "disability_type_code": "disability.type_code",
    "disability_level_code": "disability.level_code",
    "payment": "payment",
}


@dataclass(frozen=True, slots=True, kw_only=True)
class InformationUpdate:
    """Only the fields given (not ``None``) change. Residence changes only by a move; the
    disability certificate date and category only by a coefficient change (with a decision)."""

    full_name: str | None = None
    birth_date: date | None = None
    gender: Gender | None = None
    personal_id: str | None = None
    ethnicity_code: str | None = None
    phone: str | None = None
    address: str | None = None
    disability_type_code: str | None = None
    disability_level_code: str | None = None
    payment: PaymentInfo | None = None

    def given(self) -> frozenset[str]:
        """Attributes this update sets."""
        return frozenset(f.name for f in fields(self) if getattr(self, f.name) is not None)

    def changed_fields(self) -> frozenset[str]:
        """Field paths this update sets (checked against the field policy)."""
        return frozenset(FIELD_PATHS[name] for name in self.given())

    def is_empty(self) -> bool:
        return not self.given()

    def apply_to_person(self, person: Person) -> Person:
        contact = replace(
            person.contact,
            phone=_pick(self.phone, person.contact.phone),
            address=_pick(self.address, person.contact.address),
        )
        return replace(
            person,
            full_name=_pick(self.full_name, person.full_name),
            birth_date=_pick(self.birth_date, person.birth_date),
            gender=_pick(self.gender, person.gender),
            personal_id=_pick(self.personal_id, person.personal_id),
            ethnicity_code=_pick(self.ethnicity_code, person.ethnicity_code),
            contact=contact,
        )

    def apply_to_disability(self, disability: Disability | None) -> Disability | None:
        if self.disability_type_code is None and self.disability_level_code is None:
            return disability
        current = disability or Disability()
        return replace(
            current,
            type_code=_pick(self.disability_type_code, current.type_code),
            level_code=_pick(self.disability_level_code, current.level_code),
        )

    def apply_to_payment(self, payment: PaymentInfo | None) -> PaymentInfo | None:
        if self.payment is None:
            return payment
        if payment is not None and self.payment.account_number == payment.account_number:
            holder = _pick(self.payment.account_holder, payment.account_holder)
            return replace(self.payment, account_holder=holder)
        return self.payment


def _pick(new: T | None, old: T) -> T:
    return old if new is None else new
