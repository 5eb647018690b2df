"""What the projection takes from the registry beyond the amounts' facts (issue 13, ADR 0033):
the last month a legacy system paid an imported record, and the record's payment channel
written to the ID → account mapping with its history. The registry's use cases, its outbox
relayed to a per-test topic, the payment worker; real PostgreSQL, Kafka and Redis."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from ansinh_common.messaging import WorkerRunner
from ansinh_common.testing import Servers
from payment.adapters.export_files import to_csv, to_xlsx
from payment.adapters.settlement_store import settlement_store
from payment.domain.months import Month
from payment.domain.rules.list_deadline import local_date
from payment.service_layer.handlers.exports import export_channel
from payment.service_layer.queries import explain_month
from payment.testing import PaymentCluster
from registry.domain.benefit import CaregiverKind, CareSupportLink, Disability, PaymentInfo
from registry.domain.category import CategoryRef
from registry.domain.months import Month as RegistryMonth

from .payment_support import BA_DINH, HANOI, OFFICER, UNITS, Wired
from .projection_support import RegistryFeed, payment_worker
from .test_projection_from_registry import memberships, projected, wait_for

pytestmark = pytest.mark.integration

OLD = CategoryRef("5.5a", "from_80")


@pytest.fixture
def feed(
    make_database: Callable[[str], str], make_topic: Callable[..., str], servers: Servers
) -> Iterator[RegistryFeed]:
    found = RegistryFeed(make_database, make_topic(3), servers.kafka_bootstrap)
    yield found
    found.close()


@pytest.fixture
def worker(
    feed: RegistryFeed, payment_cluster: PaymentCluster, servers: Servers
) -> Iterator[WorkerRunner]:
    runner = payment_worker(payment_cluster, feed.topic, servers.kafka_bootstrap)
    runner.start()
    yield runner
    runner.close()


def person_of(cluster: PaymentCluster, record_id: str) -> str:
    rows = projected(
        cluster, f"SELECT person_id FROM entitlement_memberships WHERE record_id = '{record_id}'"
    )
    return str(rows[0][0])


def test_an_imported_record_paid_through_september_owes_no_arrears_in_october(
    feed: RegistryFeed, worker: WorkerRunner, payment_cluster: PaymentCluster, servers: Servers
) -> None:
    # both loaded from the legacy database with start month January 2025; only the first says
    # how far the legacy system paid
    paid = feed.register(
        "Đỗ Thị Cũ", date(1940, 3, 3), OLD, "2.0", imported=True,
        start_month=RegistryMonth(2025, 1), paid_through=RegistryMonth(2025, 9),
    )  # fmt: skip
    unknown = feed.register(
        "Đỗ Văn Chưa", date(1941, 4, 4), OLD, "2.0", imported=True,
        start_month=RegistryMonth(2025, 1),
    )  # fmt: skip
    assert feed.relay() >= 2
    wait_for(lambda: len(memberships(payment_cluster)) == 2)
    wired = Wired(payment_cluster, servers.redis_url)
    october = Month(2025, 10)
    wired.generate(october)
    lines = wired.lines(october)
    cu, chua = person_of(payment_cluster, paid), person_of(payment_cluster, unknown)
    mine = [(line["kind"], line["amount_vnd"]) for line in lines if line["national_id"] == cu]
    assert mine == [("regular", 1_000_000)]  # October only: 500,000 × 2.0
    theirs = [line for line in lines if line["national_id"] == chua]
    arrears = sum(line["amount_vnd"] for line in theirs if line["kind"] == "arrears")
    assert arrears == 9 * 1_000_000  # without the month: January to September again
    # ExplainMonth for a month the legacy system paid says so (ADR 0043), not "not owed"
    august = explain_month(OFFICER, HANOI, cu, Month(2025, 8), uow=wired.uow, units=UNITS)
    assert (august.total, august.parts) == (0, ())
    assert august.findings == (
        "Đã chi trả theo hồ sơ cũ đến tháng 09/2025 (diện 5.5a): tháng 08/2025 đã được hệ thống "
        "quản lý trước đây chi trả, không chi trả lại.",
    )
    assert explain_month(OFFICER, HANOI, cu, october, uow=wired.uow, units=UNITS).total == (
        1_000_000
    )
    before = explain_month(OFFICER, HANOI, chua, Month(2025, 8), uow=wired.uow, units=UNITS)
    assert before.findings == ()  # no legacy month recorded: nothing said of one


def channels(cluster: PaymentCluster, person_id: str) -> list[tuple[object, ...]]:
    return projected(
        cluster, "SELECT valid_from, channel_code, account_number, recorded_by FROM "
        f"channel_assignments WHERE national_id = '{person_id}' ORDER BY valid_from",
    )  # fmt: skip


def test_the_registry_s_channel_is_the_mapping_and_a_new_account_opens_a_version(
    feed: RegistryFeed, worker: WorkerRunner, payment_cluster: PaymentCluster, servers: Servers
) -> None:
    record = feed.register(
        "Hoàng Thị Thẻ", date(1940, 5, 5), OLD, "2.0",
        payment=PaymentInfo("VBSP", "0011002233", "Hoàng Thị Thẻ"),
    )  # fmt: skip
    assert feed.relay() >= 1
    wait_for(lambda: len(memberships(payment_cluster)) == 1)
    person = person_of(payment_cluster, record)
    july = date(2024, 7, 1)  # decided 5 July 2024: owed, and paid to the account, from July
    assert channels(payment_cluster, person) == [(july, "VBSP", "0011002233", "registry")]

    feed.change_payment(record, PaymentInfo("VBSP", "0099887766", "Hoàng Thị Thẻ"), date.today())
    assert feed.relay() >= 1
    wait_for(lambda: len(channels(payment_cluster, person)) == 2)
    today = local_date(datetime.now(UTC))  # the event's date (Vietnam)
    this_month = date(today.year, today.month, 1)
    assert channels(payment_cluster, person) == [
        (july, "VBSP", "0011002233", "registry"),  # the old account still pays the months before
        (this_month, "VBSP", "0099887766", "registry"),
    ]

    # the export per channel uses it: this month's list pays the new account
    wired = Wired(payment_cluster, servers.redis_url)
    month = Month(today.year, today.month)
    wired.generate(month)
    wired.approve(month)
    store = settlement_store(payment_cluster.router, "01", lambda session, events: None)
    with store:
        export = export_channel(
            store, f"{BA_DINH}:{month}", "VBSP", "csv", OFFICER, UNITS,
            {"csv": to_csv, "xlsx": to_xlsx},
        )  # fmt: skip
    text = export.content.decode("utf-8-sig")
    assert "0099887766" in text and "0011002233" not in text


def test_c2_projected_from_the_registry_is_paid_on_top_of_the_parent_s_own_allowance(
    feed: RegistryFeed, worker: WorkerRunner, payment_cluster: PaymentCluster, servers: Servers
) -> None:
    # a mother with a severe disability raising a child under 36 months: the registry records
    # the decision's C2 condition (1.5), not the child's birth date (ADR 0033)
    link = CareSupportLink(
        CaregiverKind.PERSON, "tự nhận", "Bản thân", "C2", "pregnant_or_one_child",
        Decimal("1.5"),
    )  # fmt: skip
    mother = feed.register(
        "Vũ Thị Mẹ", date(1995, 4, 1), CategoryRef("5.6", "severe"), "1.5",
        disability=Disability("1", "2", date(2024, 7, 1)), care_support=(link,),
    )  # fmt: skip
    assert feed.relay() >= 1
    wait_for(lambda: len(memberships(payment_cluster)) == 1)
    wired = Wired(payment_cluster, servers.redis_url)
    july = Month(2024, 7)
    wired.generate(july)
    pid = person_of(payment_cluster, mother)
    mine = [line for line in wired.lines(july) if line["national_id"] == pid]
    assert sum(line["amount_vnd"] for line in mine) == 1_500_000  # 5.6 1.5 + C2 1.5 × 500,000
    parts = [part for line in mine for part in line["breakdown"]["parts"]]
    care = [part for part in parts if part["kind"] == "care_support"]
    assert [(c["coefficient"], c["amount"]) for c in care] == [("1.5", 750_000)]
