"""The set-based SQL generation computes what the pure domain computes (the reference).

A varied population (every group, ages at the transitions, several groups and the 5.4
exception, care support C1–C4, deaths, stops, decisions months back so arrears run across
Jul 2024, a province with a higher level and an own allowance) is generated for several months;
every person's lines must equal ``payment.domain.lines.monthly_line`` to the dong, with the
review flag exactly where the domain reports a transition.
"""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import date
from decimal import Decimal

import pytest

from ansinh_common.testing import Servers
from payment.domain.lines import monthly_line
from payment.domain.months import Month
from payment.domain.policy import HigherStandardLevel, ProvinceAllowance, Resolution
from payment.testing import PaymentCluster, synthetic_beneficiary

from .payment_support import BA_DINH, HANOI, Wired

pytestmark = pytest.mark.integration
RESOLUTION = Resolution("130/2021/NQ-HĐND", date(2021, 12, 10))


@pytest.mark.parametrize(
    ("month", "with_policy"),
    [(Month(2024, 7), False), (Month(2024, 8), True), (Month(2025, 5), False)],
)
def test_sql_lines_equal_the_domain_for_every_person(
    payment_cluster: PaymentCluster, servers: Servers, month: Month, with_policy: bool
) -> None:
    wired = Wired(payment_cluster, servers.redis_url)
    rng = random.Random(f"payment-{month}")
    people = [synthetic_beneficiary(rng, n, HANOI, BA_DINH, month) for n in range(400)]
    wired.load((b, f"Người {n}") for n, b in enumerate(people))
    if with_policy:
        with wired.uow(HANOI) as u:
            policy = u.policies.get(HANOI)
            policy.record(
                HigherStandardLevel(550_000, Month(2024, 7), RESOLUTION), date(2024, 7, 1)
            )
            policy.record(
                ProvinceAllowance("NB-130", "Hỗ trợ thêm của tỉnh", frozenset({"5.5a", "5.6"}),
                                  Month(2024, 8), RESOLUTION, coefficient=Decimal("0.3")),
                date(2024, 7, 1),
            )  # fmt: skip
            u.policies.save(policy)
            u.commit()
        with wired.uow(HANOI) as u:
            policy = u.policies.get(HANOI)
    else:
        policy = None

    wired.generate(month)

    got: dict[str, int] = defaultdict(int)
    review: dict[str, bool] = {}
    for line in wired.lines(month):
        if line["kind"] in ("regular", "arrears"):
            got[line["national_id"]] += line["amount_vnd"]
        if line["kind"] == "regular":
            review[line["national_id"]] = line["needs_review"]
    expected: dict[str, int] = {}
    expected_review: dict[str, bool] = {}
    for b in people:
        owed = monthly_line(b, month, None, policy)
        if owed is not None:
            expected[b.beneficiary_id] = owed.amount
            expected_review[b.beneficiary_id] = bool(owed.transitions)
    assert dict(got) == expected
    assert {k: v for k, v in review.items() if k in expected_review} == {
        k: v for k, v in expected_review.items() if k in review
    }
    assert len(expected) > 250  # the population really is paid, not mostly empty
