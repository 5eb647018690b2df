"""The list events carry the budget by Art. 5 group and channel with arrears apart (ADR 0035),
computed in SQL with the lines the event commits with (real PostgreSQL)."""

from __future__ import annotations

from datetime import date

import pytest
import sqlalchemy as sa

from ansinh.payment.v1 import events_pb2
from ansinh_common.testing import Servers
from payment.adapters.outbox import write_outbox
from payment.domain.events import PaymentResultRecorded
from payment.domain.model import Beneficiary, DecisionRef, Membership, PovertyStatus
from payment.domain.months import Month
from payment.testing import PaymentCluster

from .payment_support import BA_DINH, HANOI, Wired

TOPIC = "ansinh.payment.v1"

pytestmark = pytest.mark.integration
DECISION = DecisionRef("7/QĐ-UBND", date(2024, 3, 12))


def _person(pid: str, born: date, group: str, start: Month, *, died: date | None = None,
            end: Month | None = None) -> tuple[Beneficiary, str]:  # fmt: skip
    member = Membership(f"r{pid}", group, DECISION, start, end, poverty=PovertyStatus.POOR)
    return Beneficiary(pid, pid, born, HANOI, BA_DINH, (member,), (), died), f"Người {pid}"


def _events(cluster: PaymentCluster, name: str) -> list[object]:
    engine = cluster.router.engine(cluster.router.shard_for(HANOI))
    with engine.connect() as conn:
        rows = conn.execute(
            sa.text("SELECT payload FROM outbox WHERE type = :t ORDER BY id"),
            {"t": f"ansinh.payment.v1.{name}"},
        ).scalars()
        found = []
        for payload in rows:
            message = getattr(events_pb2, name)()
            message.ParseFromString(bytes(payload))
            found.append(message)
        return found


def test_list_events_carry_totals_by_group_channel_and_arrears(
    payment_cluster: PaymentCluster, servers: Servers
) -> None:
    wired = Wired(payment_cluster, servers.redis_url)
    jul = Month(2024, 7)
    wired.load([
        _person("001", date(1940, 1, 1), "5.5a", jul),  # 2.0 × 500,000
        _person("002", date(1950, 2, 1), "5.8", Month(2024, 4)),  # July + arrears Apr–Jun
        _person("003", date(1935, 5, 5), "5.5a", Month(2024, 1), end=jul,
                died=date(2024, 7, 15)),  # July and the funeral support
    ])  # fmt: skip
    with payment_cluster.router.engine(payment_cluster.router.shard_for(HANOI)).begin() as conn:
        conn.execute(sa.text(
            "INSERT INTO channel_assignments (id, province_code, national_id, valid_from, "
            "channel_code, account_number, account_holder, recorded_by) VALUES "
            "('a1', '01', '002', '2024-01-01', 'VBSP', '123456789', 'Người 002', 't')"
        ))  # fmt: skip
    summary, _ = wired.generate(jul)
    wired.approve(jul)

    (generated,) = _events(payment_cluster, "ListGenerated")
    totals = {(t.group_code, t.channel, t.arrears): (t.lines, t.amount_vnd)
              for t in generated.totals}  # type: ignore[attr-defined]  # fmt: skip
    assert totals == {
        ("5.5a", "CASH_COMMUNE", False): (2, 2_000_000),
        ("5.5a", "CASH_COMMUNE", True): (6, 6 * 720_000),  # 003: Jan–Jun at 360,000 × 2.0
        ("5.8", "VBSP", False): (1, 750_000),
        ("5.8", "VBSP", True): (3, 3 * 540_000),
        ("funeral", "CASH_COMMUNE", False): (1, 10_000_000),
    }
    assert sum(amount for _, amount in totals.values()) == summary.total
    (approved,) = _events(payment_cluster, "ListApproved")
    assert list(approved.totals) == list(generated.totals)  # type: ignore[attr-defined]


def test_a_result_event_carries_its_lines_group_and_arrears(
    payment_cluster: PaymentCluster, servers: Servers
) -> None:
    wired = Wired(payment_cluster, servers.redis_url)
    jul = Month(2024, 7)
    wired.load([_person("002", date(1950, 2, 1), "5.8", Month(2024, 4))])
    wired.generate(jul)
    arrears_line = f"{BA_DINH}:{jul}:arrears:002:2024-05"
    regular_line = f"{BA_DINH}:{jul}:regular:002:2024-07"
    with payment_cluster.router.session_factory(payment_cluster.router.shard_for(HANOI))() as s:
        write_outbox(s, TOPIC, [
            PaymentResultRecorded(province_code=HANOI, commune_code=BA_DINH, month=jul,
                                  line_id=line, national_id="002", channel_code="CASH_COMMUNE",
                                  outcome="paid", amount=540_000)
            for line in (arrears_line, regular_line)
        ])  # fmt: skip
        s.commit()
    found = {
        m.line_id: (m.group_code, m.arrears)  # type: ignore[attr-defined]
        for m in _events(payment_cluster, "PaymentResultRecorded")
    }
    assert found == {arrears_line: ("5.8", True), regular_line: ("5.8", False)}
