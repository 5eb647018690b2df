"""The registry as the payment projection's source in tests: its own migrated databases, its
use cases (message bus) and its outbox relayed to a per-test topic (ADR 0027)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

from ansinh_common.auth.principal import Principal
from ansinh_common.catalogs.personal_id import Gender, make_personal_id
from ansinh_common.db import ShardRouter
from ansinh_common.messaging import OutboxRelay, WorkerRunner, create_idempotent_producer
from ansinh_common.runtime.shards import default_province_shards
from ansinh_common.runtime.testing import migrate_fresh_databases
from payment.bootstrap import build_worker
from payment.config import PaymentSettings
from payment.testing import PaymentCluster
from registry.adapters.unit_of_work import uow_factory
from registry.bootstrap import message_bus
from registry.config import RegistrySettings
from registry.domain.benefit import PaymentInfo
from registry.domain.category import CategoryRef
from registry.domain.commands import ChangeInformation, RecordDeath, RegisterBeneficiary
from registry.domain.decision import Decision
from registry.domain.information import InformationUpdate
from registry.domain.person import Person, Residence
from registry.entrypoints.migrate import GLOBAL_INI, SHARD_INI
from registry.service_layer.messagebus import MessageBus

PROVINCE_OFFICER = Principal("sub-hn-pay", "canbo.hanoi.pay", frozenset({"province_officer"}), "01")
BA_DINH = Residence("01", "00004")


class RegistryFeed:
    """The registry (one shard) whose outbox is relayed to ``topic``."""

    def __init__(self, make_database: Callable[[str], str], topic: str, bootstrap: str) -> None:
        dbs = migrate_fresh_databases(
            make_database, RegistrySettings, SHARD_INI, global_ini_path=GLOBAL_INI, shards=1
        )
        self.router = ShardRouter(
            default_province_shards(sorted(dbs.shards)), dbs.shards, dbs.global_url
        )
        self.topic, self.bootstrap = topic, bootstrap
        self.bus: MessageBus = message_bus(uow_factory(self.router, topic))
        self._serial = 0

    def register(
        self, name: str, born: date, category: CategoryRef, coefficient: str, **extra: Any
    ) -> str:
        """A new record in Phường Ba Đình, decided on 5 July 2024 (paid from July, Art. 8)."""
        self._serial += 1
        sex = Gender.FEMALE
        person = Person(
            full_name=name, birth_date=born, gender=sex, residence=BA_DINH,
            personal_id=make_personal_id("001", sex, born.year, 770_000 + self._serial),
            ethnicity_code="01",
        )  # fmt: skip
        record_id: str = self.bus.handle(
            RegisterBeneficiary(
                principal=PROVINCE_OFFICER, person=person, category=category,
                coefficient=Decimal(coefficient), decision=decision(self._serial), **extra,
            )
        )  # fmt: skip
        return record_id

    def change_payment(self, record_id: str, payment: PaymentInfo, on: date) -> None:
        """Thay đổi thông tin: the record is paid another way (no decision needed)."""
        self.bus.handle(
            ChangeInformation(
                principal=PROVINCE_OFFICER, record_id=record_id, province_code="01",
                update=InformationUpdate(payment=payment), effective_on=on,
            )
        )  # fmt: skip

    def record_death(self, record_id: str, died_on: date) -> None:
        self.bus.handle(
            RecordDeath(
                principal=PROVINCE_OFFICER, record_id=record_id, province_code="01",
                died_on=died_on, decision=decision(900),
            )
        )  # fmt: skip

    def relay(self) -> int:
        """Publish every outbox row to the topic; how many."""
        sent = 0
        for shard in self.router.shards():
            relay = OutboxRelay(
                self.router.engine(shard), lambda: create_idempotent_producer(self.bootstrap)
            )
            while n := relay.relay_once():
                sent += n
        return sent

    def close(self) -> None:
        self.router.dispose()


def decision(n: int) -> Decision:
    return Decision(f"{n}/QĐ-UBND", date(2024, 7, 5), "00004")


def payment_worker(
    cluster: PaymentCluster, topic: str, bootstrap: str, group: str = "payment",
    shards: tuple[str, ...] = (),
) -> WorkerRunner:  # fmt: skip
    """The payment projection worker (``build_worker``) on ``cluster``, groups
    ``<topic>-<group>-<shard>``."""
    settings = PaymentSettings(
        shards=cluster.shard_urls, global_db_url=cluster.global_url,
        province_shards=default_province_shards(sorted(cluster.shard_urls)),
        kafka_bootstrap=bootstrap, registry_topic=topic, consumer_group=f"{topic}-{group}",
    )  # fmt: skip
    return build_worker(settings, shards, router=cluster.router)
