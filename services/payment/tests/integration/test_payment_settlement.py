"""Issue 13 "Channels", "Results and reconciliation" on the real PostgreSQL (revision 0003 on
top of the lists of 0002): the channel in force decides the file a line goes to; a results
file with paid, failed and returned lines reconciles exactly and the failed ones are carried
over to the next month; a bad file applies nothing; 3 months not collected → a proposal."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TypeVar

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from ansinh_common.auth.principal import Principal
from ansinh_common.authz import CatalogUnitTree
from ansinh_common.db import ShardRouter
from ansinh_common.db.targets import database_targets
from ansinh_common.errors import PermissionDenied
from ansinh_common.migrations import migrate_all
from ansinh_common.runtime import default_province_shards
from payment.adapters.export_files import to_csv, to_xlsx
from payment.adapters.outbox import write_outbox
from payment.adapters.results_file import read_results
from payment.adapters.settlement_store import SqlSettlementStore
from payment.adapters.unit_of_work import SqlAlchemyUnitOfWork
from payment.domain.channel_assignment import ChannelAssignment
from payment.domain.errors import (
    ChannelAlreadyRecorded,
    InvalidAdjustment,
    InvalidChannel,
    InvalidResultsFile,
    MonthLocked,
    SameMakerAndChecker,
    WrongListState,
)
from payment.domain.events import Event, ListExported, PaymentResultRecorded, SuspensionProposed
from payment.domain.months import Month
from payment.domain.results import Reconciliation
from payment.service_layer.handlers.channels import record_channel
from payment.service_layer.handlers.corrections import add_correction
from payment.service_layer.handlers.exports import export_channel
from payment.service_layer.handlers.payment_results import import_results, reconciliation

pytestmark = pytest.mark.integration
T = TypeVar("T")

TOPIC = "ansinh.payment.v1"
ALEMBIC_INI = Path(__file__).resolve().parents[2] / "alembic.ini"
PROVINCE, COMMUNE = "01", "00004"
OFFICER = Principal("officer-1", "canbo.badinh", frozenset({"commune_officer"}), COMMUNE)
OFFICER_2 = Principal("officer-2", "canbo2.badinh", frozenset({"commune_officer"}), COMMUNE)
UNITS = CatalogUnitTree()


@dataclass
class Settlement:
    router: ShardRouter
    events: list[Event] = field(default_factory=list)

    def call(self, handler: Callable[..., T], *args: object) -> T:
        """Runs a use case on a fresh store (one transaction), closed afterwards."""
        with self.store() as store:
            return handler(store, *args)

    def store(self) -> SqlSettlementStore:
        session = self.router.session_factory(self.router.shard_for(PROVINCE))()

        def write(session: Session, events: list[Event]) -> None:
            write_outbox(session, TOPIC, events)
            self.events.extend(events)

        return SqlSettlementStore(session, PROVINCE, write)

    def sql(self, statement: str, **params: object) -> list[tuple[object, ...]]:
        with self.router.session_factory(self.router.shard_for(PROVINCE))() as s:
            rows = s.execute(text(statement), params)
            reads = statement.lstrip().upper().startswith("SELECT")
            out = [tuple(r) for r in rows] if reads else []
            s.commit()
            return out


def make_settlement(make_database: Callable[[str], str]) -> Settlement:
    shard = make_database("payment_settle")
    global_url = make_database("payment_settle_global")
    migrate_all(ALEMBIC_INI, database_targets({"s1": shard}, global_url), "upgrade", "head")
    shards = default_province_shards(["s1"])
    return Settlement(ShardRouter(shards, {"s1": shard}, global_url))


def seed_list(s: Settlement, month: date, state: str, lines: list[tuple[str, str, int]]) -> str:
    """A list of the commune for ``month`` in ``state`` with regular lines
    (line id, national id, VND)."""
    list_id = f"{COMMUNE}:{month:%Y-%m}"
    s.sql(
        "INSERT INTO payment_lists (id, province_code, commune_code, month, state, "
        "prepared_by, approved_by) VALUES (:id, :p, :c, :m, :st, 'officer-1', 'leader-1')",
        id=list_id,
        p=PROVINCE,
        c=COMMUNE,
        m=month,
        st=state,
    )
    for line_id, national_id, amount in lines:
        s.sql(
            "INSERT INTO payment_lines (id, list_id, record_id, national_id, full_name, kind, "
            "month_for, amount_vnd, breakdown) VALUES (:id, :list, :rec, :n, 'Nguyễn Văn A', "
            "'regular', :m, :a, CAST(:b AS jsonb))",
            id=line_id,
            list=list_id,
            rec=f"rec-{national_id}",
            n=national_id,
            m=month,
            a=amount,
            b=json.dumps([{"kind": "allowance", "amount": amount}]),
        )
    return list_id


HEADERS = [
    "Mã dòng",
    "Mã đối tượng",
    "Số tiền (đồng)",
    "Kết quả",
    "Mã lý do",
    "Ngày nhận tiền",
    "Điểm chi trả",
]


def results_csv(rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows([HEADERS, *rows])
    return ("\ufeff" + out.getvalue()).encode()


AUG = Month(2025, 8)
RENDER = {"csv": to_csv, "xlsx": to_xlsx}
A, B, C, D = "001090000001", "001090000002", "001090000003", "001090000004"


@pytest.fixture
def settlement(make_database: Callable[[str], str]) -> Iterator[Settlement]:
    found = make_settlement(make_database)
    yield found
    found.router.dispose()


def channels(s: Settlement) -> None:
    for a in (
        ChannelAssignment(A, "VBSP", Month(2025, 1), None, "1001", "Lê Văn Ất"),
        ChannelAssignment(A, "MOMO", Month(2025, 9), None, "0912000001", "Lê Văn Ất"),
        ChannelAssignment(B, "VNPOST", Month(2025, 3), "BD-BADINH-01"),
        ChannelAssignment(D, "VBSP", Month(2025, 6), None, "1004", "Phạm Thị Dung"),
    ):
        assert s.call(record_channel, a, COMMUNE, OFFICER, UNITS)


def exported(s: Settlement) -> str:
    channels(s)
    list_id = seed_list(
        s,
        date(2025, 8, 1),
        "approved",
        [("l-a", A, 1_000_000), ("l-b", B, 750_000), ("l-c", C, 500_000), ("l-d", D, 900_000)],
    )
    s.call(export_channel, list_id, "VBSP", "csv", OFFICER, UNITS, RENDER)
    s.call(export_channel, list_id, "VNPOST", "xlsx", OFFICER, UNITS, RENDER)
    return list_id


def import_csv(s: Settlement, list_id: str, channel: str, rows: list[list[str]]) -> object:
    raw = read_results(results_csv(rows), "ket-qua.csv")
    return s.call(import_results, list_id, channel, raw.rows, OFFICER, UNITS)


def test_the_channel_history_is_kept_and_never_edited(settlement: Settlement) -> None:
    channels(settlement)
    same = ChannelAssignment(B, "VNPOST", Month(2025, 3), "BD-BADINH-01")
    assert settlement.call(record_channel, same, COMMUNE, OFFICER, UNITS) is False
    other = ChannelAssignment(B, "VNPOST", Month(2025, 3), "BD-BADINH-02")
    with pytest.raises(ChannelAlreadyRecorded):
        settlement.call(record_channel, other, COMMUNE, OFFICER, UNITS)
    with pytest.raises(InvalidChannel) as caught:
        settlement.call(record_channel, ChannelAssignment(C, "MOMO", AUG), COMMUNE, OFFICER, UNITS)
    assert [e.field for e in caught.value.errors] == [
        "channel.account_number",
        "channel.account_holder",
    ]
    assert [a.channel_code for a in settlement.call(lambda st: st.channel_history(A))] == [
        "VBSP",
        "MOMO",
    ]


def test_an_approved_list_exports_per_channel_the_mapping_of_its_month(
    settlement: Settlement,
) -> None:
    channels(settlement)
    draft = seed_list(settlement, date(2025, 7, 1), "draft", [("l-x", A, 1_000_000)])
    with pytest.raises(WrongListState):
        settlement.call(export_channel, draft, "VBSP", "csv", OFFICER, UNITS, RENDER)
    list_id = seed_list(
        settlement,
        date(2025, 8, 1),
        "approved",
        [("l-a", A, 1_000_000), ("l-b", B, 750_000), ("l-c", C, 500_000), ("l-d", D, 900_000)],
    )
    bank = settlement.call(export_channel, list_id, "VBSP", "csv", OFFICER, UNITS, RENDER)
    assert bank.content.startswith(b"\xef\xbb\xbf")
    table = list(csv.reader(io.StringIO(bank.content.decode("utf-8-sig"))))
    # A is paid by VBSP in August (MOMO only from September), D too; B by post, C in cash
    assert [r[2] for r in table[2:4]] == ["l-a", "l-d"] and table[2][5] == "1001"
    assert table[4][0] == "Cộng xã 00004" and table[4][-1] == "1900000"
    assert table[6][:2] == ["Mã kiểm tra (SHA-256)", bank.checksum]
    assert (bank.line_count, bank.total_vnd) == (2, 1_900_000)
    cash = settlement.call(export_channel, list_id, "CASH_COMMUNE", "xlsx", OFFICER, UNITS, RENDER)
    assert (cash.line_count, cash.total_vnd, cash.file_name) == (
        1,
        500_000,
        "chi-tra-00004-2025-08-CASH_COMMUNE.xlsx",
    )
    assert settlement.sql("SELECT state FROM payment_lists WHERE id = :id", id=list_id) == [
        ("exported",)
    ]
    assert settlement.sql(
        "SELECT channel_code, line_count, total_vnd FROM payment_exports "
        "ORDER BY exported_at, channel_code"
    ) == [("VBSP", 2, 1_900_000), ("CASH_COMMUNE", 1, 500_000)]
    assert sum(isinstance(e, ListExported) for e in settlement.events) == 2
    settlement.sql("UPDATE payment_lists SET state = 'closed' WHERE id = :id", id=list_id)
    with pytest.raises(MonthLocked):
        settlement.call(export_channel, list_id, "VBSP", "csv", OFFICER, UNITS, RENDER)


def test_a_retried_export_is_the_same_file_and_no_second_export(
    settlement: Settlement,
) -> None:
    """The gateway retries ``ExportList`` (idempotent): the same list, channel, format and
    checksum is recorded once, with one ``ListExported`` (ADR 0033); another format or a
    changed file is a new export."""
    channels(settlement)
    list_id = seed_list(settlement, date(2025, 8, 1), "approved", [("l-a", A, 1_000_000)])
    first = settlement.call(export_channel, list_id, "VBSP", "csv", OFFICER, UNITS, RENDER)
    again = settlement.call(export_channel, list_id, "VBSP", "csv", OFFICER_2, UNITS, RENDER)
    assert (again.content, again.checksum) == (first.content, first.checksum)
    excel = settlement.call(export_channel, list_id, "VBSP", "xlsx", OFFICER, UNITS, RENDER)
    assert excel.checksum == first.checksum
    assert settlement.sql(
        "SELECT file_format, checksum, exported_by FROM payment_exports ORDER BY exported_at"
    ) == [("csv", first.checksum, "officer-1"), ("xlsx", first.checksum, "officer-1")]
    assert sum(isinstance(e, ListExported) for e in settlement.events) == 2


def test_paid_failed_and_returned_results_reconcile_exactly_and_failures_carry_over(
    settlement: Settlement,
) -> None:
    list_id = exported(settlement)
    bank = import_csv(
        settlement,
        list_id,
        "VBSP",
        [
            ["l-a", A, "1000000", "Đã chi trả", "", "", ""],
            ["l-d", D, "900.000", "Bị trả lại", "R03", "", ""],
        ],
    )
    post = import_csv(
        settlement,
        list_id,
        "VNPOST",
        [
            ["l-b", B, "750000", "Không thành công", "F01", "", ""],
        ],
    )
    assert (bank.paid, bank.returned, bank.carried_over) == (1, 1, 1)  # type: ignore[attr-defined]
    assert (post.failed, post.carried_over) == (1, 1)  # type: ignore[attr-defined]
    rows = settlement.call(reconciliation, list_id, OFFICER, UNITS)
    assert rows == (
        Reconciliation(COMMUNE, "CASH_COMMUNE", AUG, 1, 500_000, 0, 0, 0, 0),
        Reconciliation(COMMUNE, "VBSP", AUG, 2, 1_900_000, 1, 1_000_000, 1, 900_000),
        Reconciliation(COMMUNE, "VNPOST", AUG, 1, 750_000, 0, 0, 1, 750_000),
    )
    assert (
        sum(r.expected_vnd for r in rows)
        == 3_150_000
        == sum(r.paid_vnd + r.failed_vnd + r.outstanding_vnd for r in rows)
    )
    assert [(r.outstanding_count, r.outstanding_vnd) for r in rows] == [
        (1, 500_000),
        (0, 0),
        (0, 0),
    ]
    # the failed and the returned lines wait for the next month's list, each a line of its own
    assert settlement.sql(
        "SELECT from_line_id, national_id, month_for, amount_vnd, reason, consumed_by_line_id "
        "FROM payment_carry_overs ORDER BY from_line_id"
    ) == [
        ("l-b", B, date(2025, 8, 1), 750_000, "F01: chi trả không thành công", None),
        ("l-d", D, date(2025, 8, 1), 900_000, "R03: tiền bị trả lại", None),
    ]
    recorded = [e for e in settlement.events if isinstance(e, PaymentResultRecorded)]
    outbox = settlement.sql("SELECT type FROM outbox WHERE type LIKE '%PaymentResultRecorded'")
    assert len(outbox) == 3  # committed with the results, in the same transaction
    assert sorted((e.line_id, e.outcome) for e in recorded) == [
        ("l-a", "paid"),
        ("l-b", "failed"),
        ("l-d", "returned"),
    ]
    # the same file again changes nothing
    again = import_csv(
        settlement, list_id, "VNPOST", [["l-b", B, "750000", "failed", "F01", "", ""]]
    )
    assert (again.failed, again.carried_over) == (0, 0)  # type: ignore[attr-defined]
    assert len(settlement.sql("SELECT 1 FROM payment_carry_overs")) == 2


def test_a_results_file_with_errors_names_rows_and_columns_and_applies_nothing(
    settlement: Settlement,
) -> None:
    list_id = exported(settlement)
    with pytest.raises(InvalidResultsFile) as caught:
        import_csv(
            settlement,
            list_id,
            "VNPOST",
            [
                ["l-b", B, "750000", "Đã chi trả", "", "", ""],
                ["l-a", A, "1000000", "Đã chi trả", "", "01/08/2025", "BD-1"],
                ["l-b", B, "700000", "xong", "", "", ""],
            ],
        )
    assert [(e.field, e.message) for e in caught.value.errors] == [
        ("rows[2].Ngày nhận tiền", "dòng 2, cột 'Ngày nhận tiền': Thiếu ngày nhận tiền."),
        ("rows[2].Điểm chi trả", "dòng 2, cột 'Điểm chi trả': Thiếu điểm chi trả."),
        (
            "rows[3].Mã dòng",
            "dòng 3, cột 'Mã dòng': Không có dòng 'l-a' trong danh sách "
            "tháng 2025-08 của xã 00004 chi qua kênh VNPOST.",
        ),
        (
            "rows[4].Kết quả",
            "dòng 4, cột 'Kết quả': Kết quả 'xong' không hợp lệ (Đã chi trả, "
            "Không thành công hoặc Bị trả lại).",
        ),
    ]
    assert settlement.sql("SELECT count(*) FROM payment_results") == [(0,)]
    assert settlement.sql("SELECT count(*) FROM payment_carry_overs") == [(0,)]


def test_three_months_not_collected_propose_a_suspension_once(settlement: Settlement) -> None:
    channels(settlement)
    for month in (6, 7, 8):
        first = date(2025, month, 1)
        list_id = seed_list(
            settlement,
            first,
            "approved",
            [(f"l-b-{month}", B, 750_000), (f"l-a-{month}", A, 1_000_000)],
        )
        settlement.call(export_channel, list_id, "VNPOST", "csv", OFFICER, UNITS, RENDER)
        import_csv(
            settlement,
            list_id,
            "VNPOST",
            [[f"l-b-{month}", B, "750000", "Không thành công", "K01", "", ""]],
        )
        proposals = [e for e in settlement.events if isinstance(e, SuspensionProposed)]
        assert len(proposals) == (1 if month == 8 else 0)
    assert proposals[0].months_not_collected == (Month(2025, 6), Month(2025, 7), AUG)
    assert settlement.sql("SELECT record_id, month FROM suspension_proposals") == [
        (f"rec-{B}", date(2025, 8, 1))
    ]
    assert proposals[0].beneficiary_id == f"rec-{B}"
    assert len(settlement.sql("SELECT 1 FROM outbox WHERE type LIKE '%SuspensionProposed'")) == 1


def test_a_closed_month_refuses_regeneration_and_edits_and_is_corrected_by_an_adjustment(
    settlement: Settlement,
) -> None:
    august = exported(settlement)
    with SqlAlchemyUnitOfWork(settlement.router, PROVINCE, topic=TOPIC) as uow:
        payment_list = uow.lists.get(COMMUNE, AUG)
        assert payment_list is not None
        payment_list.close("leader-1")
        uow.commit()
    assert len(settlement.sql("SELECT 1 FROM outbox WHERE type LIKE '%.MonthClosed'")) == 1
    with SqlAlchemyUnitOfWork(settlement.router, PROVINCE, topic=TOPIC) as uow:
        closed = uow.lists.get(COMMUNE, AUG)
        assert closed is not None
        with pytest.raises(MonthLocked) as locked:
            closed.check_can_generate()  # what generation calls first
    assert locked.value.detail == (
        "Tháng 2025-08 của xã 00004 đã khóa sổ; không thể lập lại hoặc sửa danh sách. "
        "Hãy điều chỉnh bằng dòng điều chỉnh ở tháng sau."
    )
    with pytest.raises(MonthLocked):  # no edit of the closed list itself
        settlement.call(add_correction, august, "l-a", 900_000, "Sai hệ số", OFFICER_2, UNITS)
    with pytest.raises(MonthLocked):  # no new results or files for it either
        import_csv(settlement, august, "VBSP", [["l-a", A, "1000000", "paid", "", "", ""]])
    with pytest.raises(MonthLocked):
        settlement.call(export_channel, august, "VBSP", "csv", OFFICER, UNITS, RENDER)

    october = seed_list(settlement, date(2025, 10, 1), "draft", [("l-a-10", A, 1_000_000)])
    with pytest.raises(InvalidAdjustment) as no_reason:
        settlement.call(add_correction, october, "l-a", 750_000, " ", OFFICER_2, UNITS)
    assert no_reason.value.detail == "Phải ghi lý do điều chỉnh (dòng l-a tháng 2025-08)."
    made = settlement.call(
        add_correction, october, "l-a", 750_000, "Hệ số 1,5 chứ không phải 2,0", OFFICER_2, UNITS
    )
    assert made.amount == -250_000
    assert settlement.sql(
        "SELECT kind, amount_vnd, corrects_line_id, reason, month_for FROM payment_lines "
        "WHERE list_id = :id AND kind = 'adjustment'",
        id=october,
    ) == [("adjustment", -250_000, "l-a", "Hệ số 1,5 chứ không phải 2,0", date(2025, 8, 1))]
    with pytest.raises(InvalidAdjustment):  # once per corrected line and list
        settlement.call(add_correction, october, "l-a", 800_000, "Lần hai", OFFICER_2, UNITS)
    # whoever added the adjustment is a maker of October's list and may not approve it
    with SqlAlchemyUnitOfWork(settlement.router, PROVINCE, topic=TOPIC) as uow:
        draft = uow.lists.get(COMMUNE, Month(2025, 10))
        assert draft is not None and "officer-2" in draft.adjusted_by
        with pytest.raises(SameMakerAndChecker):
            draft.approve("officer-2")
    # the closed month's figures are unchanged
    assert settlement.sql("SELECT amount_vnd FROM payment_lines WHERE id = 'l-a'") == [(1_000_000,)]


def test_only_the_communes_own_staff_settle_and_the_province_reads(
    settlement: Settlement,
) -> None:
    """Roles and units on the server (ADR 0006): the commune's officer records channels,
    exports and imports; another commune's officer and the province's officer are refused
    with a Vietnamese reason; the province's officer reads the reconciliation."""
    other_commune = Principal("o-8", "canbo.khac", frozenset({"commune_officer"}), "00008")
    province = Principal("p-1", "canbo.tinh", frozenset({"province_officer"}), PROVINCE)
    other_province = Principal("p-2", "canbo.hcm", frozenset({"province_officer"}), "79")
    vbsp = ChannelAssignment(A, "VBSP", Month(2025, 1), None, "1001", "Lê Văn Ất")
    for who, reason in ((other_commune, "ngoài phạm vi"), (province, "Chỉ cán bộ cấp xã")):
        with pytest.raises(PermissionDenied) as refused:
            settlement.call(record_channel, vbsp, COMMUNE, who, UNITS)
        assert reason in refused.value.detail
    assert settlement.call(lambda st: st.channel_history(A)) == []
    list_id = exported(settlement)
    for who in (other_commune, province):
        with pytest.raises(PermissionDenied):
            settlement.call(export_channel, list_id, "VBSP", "csv", who, UNITS, RENDER)
        with pytest.raises(PermissionDenied):
            import_csv_as(settlement, list_id, who)
    assert settlement.sql("SELECT count(*) FROM payment_results") == [(0,)]
    assert settlement.call(reconciliation, list_id, province, UNITS)
    with pytest.raises(PermissionDenied):
        settlement.call(reconciliation, list_id, other_province, UNITS)


def import_csv_as(s: Settlement, list_id: str, who: Principal) -> object:
    raw = read_results(results_csv([["l-a", A, "1000000", "Đã chi trả", "", "", ""]]), "k.csv")
    return s.call(import_results, list_id, "VBSP", raw.rows, who, UNITS)
