"""Information change (thay đổi thông tin): new values for some fields, others unchanged."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from datetime import date

from registry.domain.benefit import Disability, PaymentInfo
from registry.domain.person import Contact, Gender, Person

PERSON_FIELDS = ("full_name", "birth_date", "gender", "personal_id", "ethnicity_code", "contact")


@dataclass(frozen=True, slots=True, kw_only=True)
class InformationUpdate:
    """Only the fields given (not ``None``) change. Residence changes only by a move."""

    full_name: str | None = None
    birth_date: date | None = None
    gender: Gender | None = None
    personal_id: str | None = None
    ethnicity_code: str | None = None
    contact: Contact | None = None
    disability: Disability | None = None
    payment: PaymentInfo | None = None

    def changed_fields(self) -> frozenset[str]:
        """Names of the fields this update sets (checked against the field policy)."""
        return frozenset(f.name for f in fields(self) if getattr(self, f.name) is not None)

    def apply_to_person(self, person: Person) -> Person:
        given = {name: getattr(self, name) for name in PERSON_FIELDS}
        return replace(person, **{k: v for k, v in given.items() if v is not None})

    def is_empty(self) -> bool:
        return not self.changed_fields()
