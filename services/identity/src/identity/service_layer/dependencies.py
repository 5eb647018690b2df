"""The ports the identity use cases run on (``Services``), wired by ``bootstrap``."""

from __future__ import annotations

import secrets
import string
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from ansinh_common.authz import UnitModel, UnitTree
from identity.domain.periods import DEFAULT_PERIODS, ModelPeriod, model_on
from identity.service_layer.ports import AccountDirectory, DisabledAccounts, PopulationDatabase
from identity.service_layer.unit_of_work import AuditUnitOfWork

PASSWORD_ALPHABET = string.ascii_letters + string.digits


def generate_password(length: int = 16) -> str:
    return "".join(secrets.choice(PASSWORD_ALPHABET) for _ in range(length))


def utcnow() -> datetime:
    return datetime.now(UTC)


@dataclass
class Services:
    """The ports the use cases run on, wired by ``bootstrap`` (fakes in unit tests)."""

    accounts: AccountDirectory
    disabled: DisabledAccounts
    population: PopulationDatabase
    uow: Callable[[], AuditUnitOfWork]
    units: UnitTree
    periods: Sequence[ModelPeriod] = DEFAULT_PERIODS
    clock: Callable[[], datetime] = utcnow
    new_password: Callable[[], str] = generate_password
    new_id: Callable[[], str] = field(default=lambda: str(uuid.uuid4()))
    require_officer_otp: bool = False
    """Officers' new accounts must enrol OTP at first login (production values)."""

    def model(self) -> UnitModel:
        return model_on(self.clock().date(), self.periods)
