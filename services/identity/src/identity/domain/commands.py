"""Commands of the identity service: small dataclasses, one per use case."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ansinh_common.catalogs.personal_id import Gender


@dataclass(frozen=True, slots=True)
class CreateAccount:
    username: str
    first_name: str
    last_name: str
    email: str
    unit_code: str
    roles: tuple[str, ...]
    password: str = ""  # empty: generated
    temporary_password: bool = True


@dataclass(frozen=True, slots=True)
class DisableAccount:
    username: str


@dataclass(frozen=True, slots=True)
class EnableAccount:
    username: str


@dataclass(frozen=True, slots=True)
class ResetPassword:
    username: str
    password: str = ""  # empty: generated
    temporary: bool = True


@dataclass(frozen=True, slots=True)
class CheckCitizenIdentity:
    national_id: str
    full_name: str
    birth_date: date | None
    gender: Gender | None


AccountCommand = CreateAccount | DisableAccount | EnableAccount | ResetPassword
