"""Commands: what a caller asks the registry to do (one handler each)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from ansinh_common.auth.principal import Principal
from registry.domain.benefit import CareSupportLink, Disability, PaymentInfo
from registry.domain.category import CategoryRef
from registry.domain.decision import Decision
from registry.domain.information import InformationUpdate
from registry.domain.months import Month
from registry.domain.person import Person, Residence


@dataclass(frozen=True, slots=True, kw_only=True)
class Command:
    principal: Principal


@dataclass(frozen=True, slots=True, kw_only=True)
class RegisterBeneficiary(Command):
    """Tăng mới. ``imported``: load a beneficiary already paid before the platform (the
    decision may be incomplete, ``start_month`` is then required and taken as given)."""

    person: Person
    category: CategoryRef
    coefficient: Decimal
    decision: Decision | None
    reason: str = "Tăng mới"
    disability: Disability | None = None
    care_support: tuple[CareSupportLink, ...] = ()
    payment: PaymentInfo | None = None
    start_month: Month | None = None
    imported: bool = False
    paid_through: Month | None = None  # imported: the last month the legacy system paid
    record_id: str | None = None  # chosen by the caller for idempotent retries


@dataclass(frozen=True, slots=True, kw_only=True)
class RecordCommand(Command):
    """A command about an existing record, addressed by id and province (the shard)."""

    record_id: str
    province_code: str


@dataclass(frozen=True, slots=True, kw_only=True)
class RecordDeath(RecordCommand):
    died_on: date
    decision: Decision | None
    reason: str = "Cắt chết"


@dataclass(frozen=True, slots=True, kw_only=True)
class StopBenefit(RecordCommand):
    """Thôi hưởng; ``stopped_on`` is the date eligibility was lost."""

    stopped_on: date
    decision: Decision | None
    reason: str


@dataclass(frozen=True, slots=True, kw_only=True)
class ChangeInformation(RecordCommand):
    update: InformationUpdate
    effective_on: date
    reason: str = "Thay đổi thông tin"
    decision: Decision | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class ChangeCoefficient(RecordCommand):
    """Thay đổi hệ số hưởng; ``condition_met_on``: when the new condition was met."""

    coefficient: Decimal
    condition_met_on: date
    decision: Decision | None
    reason: str = "Thay đổi hệ số hưởng"
    category: CategoryRef | None = None
    disability: Disability | None = None
    care_support: tuple[CareSupportLink, ...] | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class RequestMove(RecordCommand):
    """Chuyển đi / chuyển đến: both decisions (old place stops, new place continues)."""

    destination: Residence
    effective_on: date
    move_out_decision: Decision | None
    move_in_decision: Decision | None
    reason: str = "Chuyển nơi cư trú"
    move_id: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class ApplyDossierDecision(Command):
    """A dossier's signed decision (``ansinh.dossier.v1.DecisionIssued``) to apply through
    the registry's own use cases; ``principal`` is the signing unit's officer role."""

    dossier_id: str
    dossier_code: str
    dossier_province_code: str
    effect: str
    decision: Decision
    personal_id: str
    residence: Residence
    person: Person | None  # the declared facts a new record needs (absent on a TB form)
    category_code: str | None
    coefficient: Decimal | None
    benefit: str | None = None  # assistance_categories.Benefit of the procedure's purpose
    effective_on: date | None = None  # when the adjusted/stopped condition arose
