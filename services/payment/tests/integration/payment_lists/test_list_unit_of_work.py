"""The list header round-trips through the unit of work; transitions and events commit together."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from payment.adapters.unit_of_work import uow_factory
from payment.domain.errors import MonthLocked, SameMakerAndChecker
from payment.domain.months import Month
from payment.domain.payment_list import ListState, ListSummary, PaymentList
from payment.testing import TOPIC, PaymentCluster

pytestmark = pytest.mark.integration
HANOI, BA_DINH, MAY = "01", "00004", Month(2025, 5)


def _outbox_types(cluster: PaymentCluster) -> list[str]:
    engine = cluster.router.engine(cluster.router.shard_for(HANOI))
    with engine.connect() as conn:
        return list(conn.execute(sa.text("SELECT type FROM outbox ORDER BY id")).scalars())


def test_generate_approve_export_close_persist_with_their_events(
    payment_cluster: PaymentCluster,
) -> None:
    uow = uow_factory(payment_cluster.router, TOPIC)
    with uow(HANOI) as u:
        pl = PaymentList(HANOI, BA_DINH, MAY, prepared_by="officer-1")
        u.lists.add(pl)
        assert pl.record_generated(ListSummary(3, 2_100_000, frozenset()), "officer-1")
        u.commit()
    with uow(HANOI) as u:
        pl2 = u.lists.get(BA_DINH, MAY)
        assert pl2 is not None and pl2.total == 2_100_000 and pl2.line_count == 3
        assert not pl2.record_generated(ListSummary(3, 2_100_000, frozenset()), "officer-1")
        with pytest.raises(SameMakerAndChecker):
            pl2.approve("officer-1")
        pl2.approve("leader-1")
        pl2.export("officer-1")
        pl2.close("officer-1")
        u.commit()
    with uow(HANOI) as u:
        closed = u.lists.get(BA_DINH, MAY)
        assert closed is not None and closed.state is ListState.CLOSED
        assert closed.approved_by == "leader-1"
        with pytest.raises(MonthLocked):
            closed.check_can_generate()
    assert _outbox_types(payment_cluster) == [
        "ansinh.payment.v1.ListGenerated",
        "ansinh.payment.v1.ListApproved",
        "ansinh.payment.v1.ListExported",
        "ansinh.payment.v1.MonthClosed",
    ]


def test_an_uncommitted_unit_of_work_leaves_nothing(payment_cluster: PaymentCluster) -> None:
    uow = uow_factory(payment_cluster.router, TOPIC)
    with uow(HANOI) as u:
        u.lists.add(PaymentList(HANOI, BA_DINH, MAY, prepared_by="officer-1"))
    with uow(HANOI) as u:
        assert u.lists.get(BA_DINH, MAY) is None
