"""Test data: people in real catalog units, decisions, principals, a wired bus."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from ansinh_common.auth.principal import Principal
from ansinh_common.catalogs.personal_id import Gender, make_personal_id
from registry.bootstrap import message_bus
from registry.domain.actor import Actor
from registry.domain.benefit import Disability, PaymentInfo
from registry.domain.category import CategoryRef
from registry.domain.changes import NewBeneficiary
from registry.domain.commands import RegisterBeneficiary
from registry.domain.decision import Decision
from registry.domain.events import Event
from registry.domain.model import BeneficiaryRecord
from registry.domain.months import Month
from registry.domain.person import Contact, Person, Residence
from registry.service_layer.access import Access
from registry.service_layer.dependencies import Dependencies
from registry.service_layer.messagebus import MessageBus

from .fakes import FakeCluster

NOW = datetime(2025, 9, 15, 3, 0, tzinfo=UTC)
HANOI = Residence("01", "00004")  # Phường Ba Đình, Hà Nội (2025 catalog)
HANOI_2 = Residence("01", "00008")  # Phường Ngọc Hà
CAO_BANG = Residence("04", "01273")  # Phường Thục Phán, Cao Bằng
HCMC = Residence("79", "25747")  # Phường Thủ Dầu Một, TP Hồ Chí Minh
PROVINCE_SHARDS = {"01": "s1", "04": "s2", "79": "s2"}

HANOI_OFFICER = Principal("sub-hn", "canbo.hanoi", frozenset({"province_officer"}), "01")
CAO_BANG_OFFICER = Principal("sub-cb", "canbo.caobang", frozenset({"province_officer"}), "04")
COMMUNE_OFFICER = Principal("sub-bd", "canbo.badinh", frozenset({"commune_officer"}), "00004")
ACTOR = Actor("sub-hn", "canbo.hanoi", "01")

_serials = itertools.count(1)


def pid(gender: Gender = Gender.FEMALE, birth_year: int = 1950) -> str:
    return make_personal_id("001", gender, birth_year, next(_serials))


def citizen(national_id: str) -> Principal:
    return Principal("sub-citizen", "nguoidan", frozenset({"citizen"}), None, national_id)


def person(**overrides: Any) -> Person:
    """A person whose personal ID matches their gender and birth year unless overridden."""
    born = overrides.get("birth_date", date(1950, 3, 10))
    sex = overrides.get("gender", Gender.FEMALE)
    base = Person(
        full_name="Nguyễn Thị An",
        birth_date=born,
        gender=sex,
        residence=HANOI,
        personal_id=pid(sex, born.year),
        ethnicity_code="01",
        contact=Contact(phone="0912345678", address="Tổ 5"),
    )
    return replace(base, **overrides)


def decision(signed_on: date = date(2025, 8, 20), number: str = "123/QĐ-UBND") -> Decision:
    return Decision(number, signed_on, "01")


ELDERLY_80 = CategoryRef("5.5a", "from_80")  # 2.0
DISABILITY_SEVERE = CategoryRef("5.6", "severe")  # 1.5
SINGLE_PARENT_2 = CategoryRef("5.4", "per_child", children=2)  # 2.0


def register(**overrides: Any) -> RegisterBeneficiary:
    base = RegisterBeneficiary(
        principal=HANOI_OFFICER,
        person=person(),
        category=ELDERLY_80,
        coefficient=Decimal("2.0"),
        decision=decision(),
        payment=PaymentInfo("VNPOST"),
    )
    return replace(base, **overrides)


def disabled(**overrides: Any) -> RegisterBeneficiary:
    values: dict[str, Any] = {
        "category": DISABILITY_SEVERE,
        "coefficient": Decimal("1.5"),
        "disability": Disability("1", "2", date(2025, 6, 3)),
    }
    return register(**(values | overrides))


def new_change(**overrides: Any) -> NewBeneficiary:
    values: dict[str, Any] = {
        "effective_on": date(2025, 8, 20),
        "reason": "Tăng mới",
        "actor": ACTOR,
        "recorded_at": NOW,
        "decision": decision(),
        "person": person(),
        "category": ELDERLY_80,
        "coefficient": Decimal("2.0"),
        "start_month": Month(2025, 8),
        "payment": PaymentInfo("VNPOST"),
    }
    return NewBeneficiary(**(values | overrides))


def record(**overrides: Any) -> BeneficiaryRecord:
    return BeneficiaryRecord.register("rec-1", "01", new_change(**overrides))


@dataclass
class World:
    """A bus over fake shards, with a fixed clock and predictable ids."""

    cluster: FakeCluster = field(default_factory=lambda: FakeCluster(PROVINCE_SHARDS))
    now: datetime = NOW
    ids: Callable[[], str] = field(default_factory=lambda: _id_factory())

    def __post_init__(self) -> None:
        self.bus: MessageBus = message_bus(
            self.cluster.uow, clock=lambda: self.now, new_id=self.ids
        )
        self.deps = Dependencies(self.cluster.uow, Access(_tree()), lambda: self.now, self.ids)

    def handle(self, message: Any) -> Any:
        return self.bus.handle(message)

    def relay(self) -> list[Event]:
        """Publish every outbox event to the bus until nothing new is written (Kafka)."""
        delivered: list[Event] = []
        while events := self.cluster.take_outbox():
            for event in events:
                delivered.append(event)
                self.bus.handle(event)
        return delivered

    def stored(self, province: str, record_id: str) -> BeneficiaryRecord:
        return self.cluster.shard_of(province).records[record_id]


def _id_factory() -> Callable[[], str]:
    counter = itertools.count(1)
    return lambda: f"id-{next(counter)}"


def _tree() -> Any:
    from ansinh_common.authz import CatalogUnitTree

    return CatalogUnitTree()
