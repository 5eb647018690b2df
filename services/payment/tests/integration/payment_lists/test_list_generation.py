"""Must-show behaviour of list generation on the real PostgreSQL and Redis (issue 13).

Each amount rule through the generated list (with its legal basis on the line), idempotence,
concurrency (a second generation waits or is refused, never duplicates), maker–checker,
closed months, settings used by an approved list.
"""

from __future__ import annotations

import threading
from datetime import date

import pytest

from ansinh_common.testing import Servers
from payment.adapters.locks import GenerationInProgress
from payment.domain.errors import MonthLocked, SameMakerAndChecker, SettingAlreadyUsed
from payment.domain.model import (
    Beneficiary,
    CareKind,
    CareSupportClaim,
    Child,
    DecisionRef,
    DisabilityLevel,
    Membership,
    PovertyStatus,
)
from payment.domain.months import Month
from payment.domain.policy import HigherStandardLevel, Resolution
from payment.testing import PaymentCluster

from .payment_support import BA_DINH, HANOI, LEADER, OFFICER, Wired

pytestmark = pytest.mark.integration
DECISION = DecisionRef("7/QĐ-UBND", date(2024, 3, 12))


def person(pid: str, born: date, *members: Membership, died_on: date | None = None,
           care: tuple[CareSupportClaim, ...] = ()) -> Beneficiary:  # fmt: skip
    return Beneficiary(pid, pid, born, HANOI, BA_DINH, members, care, died_on)


def member(
    rid: str, group: str, start: Month, end: Month | None = None, **kw: object
) -> Membership:
    return Membership(rid, group, DECISION, start, end, poverty=PovertyStatus.POOR, **kw)  # type: ignore[arg-type]


def by_person(wired: Wired, month: Month) -> dict[tuple[str, str, str], dict[str, object]]:
    return {
        (line["national_id"], line["kind"], str(line["month_for"])[:7]): line
        for line in wired.lines(month)
    }


@pytest.fixture
def wired(payment_cluster: PaymentCluster, servers: Servers) -> Wired:
    return Wired(payment_cluster, servers.redis_url)


def test_each_amount_rule_through_the_generated_list(wired: Wired) -> None:
    jul = Month(2024, 7)
    wired.load([
        # 5.5a from 80 (2.0) at 500,000 from Jul 2024 (Decree 76/2024)
        (person("001", date(1940, 1, 1), member("r1", "5.5a", Month(2024, 7))), "Bà A"),
        # decision signed in March with start Apr 2024: arrears Apr–Jun at 360,000
        (person("002", date(1950, 2, 1), member("r2", "5.8", Month(2024, 4))), "Ông B"),
        # died on 15 Jul 2024: July paid in full, funeral support 20 × 500,000
        (person("003", date(1935, 5, 5), member("r3", "5.5a", Month(2024, 1), Month(2024, 7)),
                died_on=date(2024, 7, 15)), "Cụ C"),
        # 5.4 single parent of 2 children and 5.6 severe: 5.4 (2.0) + 5.6 (1.5), Art. 6.2
        (person("004", date(1985, 3, 3),
                member("r4a", "5.4", Month(2024, 7), children=(Child(date(2015, 1, 1)),
                                                                Child(date(2018, 1, 1)))),
                member("r4b", "5.6", Month(2024, 7), disability_level=DisabilityLevel.SEVERE)),
         "Chị D"),
        # 5.8 and 5.5a (1.5): only the highest, one group
        (person("005", date(1960, 6, 6), member("r5a", "5.8", Month(2024, 7)),
                member("r5b", "5.5a", Month(2024, 7))), "Ông E"),
        # 5.1 child turning 4 in July 2024: 2.5 → 1.5, flagged for review
        (person("006", date(2020, 7, 20), member("r6", "5.1", Month(2024, 1))), "Bé F"),
        # disabled parent (5.6 especially severe, 2.0) raising a child under 36 months: C2 1.5
        (person("007", date(1995, 1, 1),
                member("r7", "5.6", Month(2024, 7),
                       disability_level=DisabilityLevel.ESPECIALLY_SEVERE),
                care=(CareSupportClaim("c7", CareKind.DISABLED_PARENT, "007", DECISION,
                                       Month(2024, 7), children=(Child(date(2023, 9, 1)),)),)),
         "Chị G"),
    ])  # fmt: skip
    wired.generate(jul)
    lines = by_person(wired, jul)

    assert lines["001", "regular", "2024-07"]["amount_vnd"] == 1_000_000
    assert "Decree 76/2024" in str(lines["001", "regular", "2024-07"]["breakdown"])
    assert lines["002", "regular", "2024-07"]["amount_vnd"] == 750_000
    assert [lines["002", "arrears", m]["amount_vnd"] for m in ("2024-04", "2024-05", "2024-06")] \
        == [540_000] * 3  # fmt: skip
    assert lines["003", "regular", "2024-07"]["amount_vnd"] == 1_000_000
    funeral = lines["003", "funeral", "2024-07"]
    assert funeral["amount_vnd"] == 10_000_000
    assert "Art. 11.2" in str(funeral["breakdown"])
    assert lines["004", "regular", "2024-07"]["amount_vnd"] == 1_000_000 + 750_000
    assert "Art. 6.2" in str(lines["004", "regular", "2024-07"]["breakdown"])
    assert lines["005", "regular", "2024-07"]["amount_vnd"] == 750_000
    child = lines["006", "regular", "2024-07"]
    assert child["amount_vnd"] == 750_000 and child["needs_review"] is True
    assert lines["007", "regular", "2024-07"]["amount_vnd"] == 1_000_000 + 750_000
    assert "Art. 20" in str(lines["007", "regular", "2024-07"]["breakdown"])

    aug = Month(2024, 8)
    wired.generate(aug)
    later = by_person(wired, aug)
    assert not [k for k in later if k[0] == "003"]  # nothing after the month of death
    assert not [k for k in later if k[1] == "arrears"]  # arrears only with the first month paid
    assert later["006", "regular", "2024-08"]["needs_review"] is False


def test_a_higher_provincial_level_applies_from_its_month(wired: Wired) -> None:
    wired.load([(person("011", date(1940, 1, 1), member("r11", "5.5a", Month(2024, 1))), "Bà H")])
    with wired.uow(HANOI) as u:
        policy = u.policies.get(HANOI)
        resolution = Resolution("130/2021/NQ-HĐND", date(2024, 6, 10))
        policy.record(HigherStandardLevel(600_000, Month(2024, 9), resolution), date(2024, 7, 1))
        u.policies.save(policy)
        u.commit()
    wired.generate(Month(2024, 8))
    wired.generate(Month(2024, 9))
    assert by_person(wired, Month(2024, 8))["011", "regular", "2024-08"]["amount_vnd"] == 1_000_000
    sep = by_person(wired, Month(2024, 9))["011", "regular", "2024-09"]
    assert sep["amount_vnd"] == 1_200_000 and "130/2021/NQ-HĐND" in str(sep["breakdown"])

    approved = wired.approve(Month(2024, 9))
    assert approved.setting_keys == frozenset({"standard_level"})
    with wired.uow(HANOI) as u:
        policy = u.policies.get(HANOI)
        with pytest.raises(SettingAlreadyUsed):
            policy.record(HigherStandardLevel(650_000, Month(2024, 9), resolution),
                          date(2024, 9, 1))  # fmt: skip


def test_generating_twice_changes_nothing(wired: Wired) -> None:
    wired.load([(person("021", date(1940, 1, 1), member("r21", "5.5a", Month(2024, 3))), "Bà I")])
    first, changed = wired.generate(Month(2024, 7))
    before = wired.lines(Month(2024, 7))
    second, changed_again = wired.generate(Month(2024, 7))
    assert changed and not changed_again
    assert first == second and first.total == 1_000_000 + 4 * 720_000
    assert wired.lines(Month(2024, 7)) == before  # same rows, same ids, same created_at


def test_a_concurrent_generation_waits_and_never_duplicates(wired: Wired) -> None:
    wired.load([(person(f"03{n}", date(1940, 1, 1), member(f"r3{n}", "5.5a", Month(2024, 7))),
                 f"Người {n}") for n in range(9)])  # fmt: skip
    errors: list[BaseException] = []

    def run() -> None:
        try:
            wired.generate(Month(2024, 7))
        except BaseException as exc:  # noqa: BLE001 - collected for the assertion
            errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    lines = wired.lines(Month(2024, 7))
    assert len(lines) == 9 == len({line["id"] for line in lines})


def test_a_generation_is_refused_while_another_holds_the_lock(
    payment_cluster: PaymentCluster, servers: Servers
) -> None:
    impatient = Wired(payment_cluster, servers.redis_url, wait_s=0.2)
    with impatient.lock.hold(BA_DINH, Month(2024, 7)), pytest.raises(GenerationInProgress):
        impatient.generate(Month(2024, 7))


def test_maker_checker_and_a_closed_month(wired: Wired) -> None:
    wired.load([(person("041", date(1940, 1, 1), member("r41", "5.5a", Month(2024, 7))), "Bà K")])
    wired.generate(Month(2024, 7))
    with pytest.raises(SameMakerAndChecker):
        wired.approve(
            Month(2024, 7),
            by=LEADER.__class__(
                OFFICER.subject, "lanhdao.kiemnhiem", frozenset({"commune_leader"}), BA_DINH
            ),
        )
    wired.approve(Month(2024, 7))
    with wired.uow(HANOI) as u:
        pl = u.lists.get(BA_DINH, Month(2024, 7))
        assert pl is not None
        pl.export(OFFICER.subject)
        pl.close(OFFICER.subject)
        u.commit()
    with pytest.raises(MonthLocked):
        wired.generate(Month(2024, 7))
