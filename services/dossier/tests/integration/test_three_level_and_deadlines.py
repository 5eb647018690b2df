"""Through the service on real PostgreSQL: a dossier received before 1 Jul 2025 runs the
three-level workflow (commune, posting, district) across Tết 2025 to a district decision that
the registry applies; the public posting list leaves the HIV-related dossier out; a two-level
dossier's due date counts a make-up Saturday and stops while documents are awaited."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

import pytest

from ansinh_common.catalogs.personal_id import make_personal_id
from dossier.domain import commands as c
from dossier.domain.actor import Actor
from dossier.domain.channel import Channel
from dossier.domain.clock import TIMEZONE
from dossier.service_layer import queries
from dossier.service_layer.handlers.submission import submit_dossier
from dossier.service_layer.handlers.workflow import act
from registry.adapters.records import load_records

from .dossier_cluster import COMMUNE, citizen, lan_values, person, wired
from .test_decision_reaches_registry import (
    _dossier_handles,
    _envelopes,
    _registry,
    _registry_handles,
)

pytestmark = pytest.mark.integration
HIV_ID = make_personal_id("001", "male", 1985, 8765)


class Clock:
    def __init__(self, day: dt.date) -> None:
        self.day = day

    def __call__(self) -> dt.datetime:
        return dt.datetime(self.day.year, self.day.month, self.day.day, 9, tzinfo=TIMEZONE)


def _hiv_values() -> dict[str, object]:
    return {
        "full_name": "Trần Văn Bình",
        "birth_date": "1985-06-01",
        "gender": "male",
        "ethnicity": "01",
        "personal_id": HIV_ID,
        "residence": "Thôn Tây",
        "commune_code": COMMUNE,
        "hamlet": "Thôn Tây",
        "household_poverty": "poor",
        "hiv_infected": True,
        "stable_income": False,
    }


def _submit(form: str, values: dict[str, object], who: Actor, deps: object) -> str:
    cmd = c.SubmitDossier(
        dossier_id="",
        procedure_id="tro-cap-xa-hoi-hang-thang",
        purpose_id="grant_allowance",
        form_id=form,
        values=values,
        channel=Channel.IN_PERSON,
    )
    return submit_dossier(cmd, who, deps).id  # type: ignore[arg-type]


def test_three_level_dossier_across_tet_to_a_district_decision_in_the_registry(
    make_database: Callable[[str], str],
) -> None:
    clock = Clock(dt.date(2025, 1, 22))  # Wed before Tết 2025 (27–31 Jan closed)
    service = wired(make_database, clock=clock)
    deps = service.deps
    desk = person("xa-mot-cua", "commune_officer", unit=COMMUNE)
    lan = _submit("1b", lan_values(), desk, deps)
    binh = _submit("1d", _hiv_values(), desk, deps)
    for did in (lan, binh):
        act(c.ReceiveDossier(dossier_id=did), desk, deps)
    view = queries.dossier_details(lan, desk, deps)
    assert view.status.due_on == dt.date(2025, 2, 7)  # 7 working days, not 31 Jan
    assert view.dossier.plan is not None and view.dossier.plan.model.value == "three_level"

    clock.day = dt.date(2025, 2, 5)
    for did in (lan, binh):
        act(c.PostPublicly(dossier_id=did), desk, deps)
    posting = queries.posting_list(COMMUNE, deps)
    text = "\n".join(posting.lines())
    assert "NGUYỄN THỊ LAN" in text
    assert "TRẦN VĂN BÌNH" not in text.upper() and "HIV" not in text.upper()
    assert len(posting.entries) == 1

    clock.day = dt.date(2025, 2, 10)  # posting period over
    chair = person("xa-chu-tich", "commune_leader", unit=COMMUNE)
    act(c.ForwardDossier(dossier_id=lan), chair, deps)
    district = person("huyen-can-bo", "district_officer", unit="001")
    act(
        c.AppraiseDossier(
            dossier_id=lan, eligible=True, category_code="5.5a", coefficient=Decimal("1.5")
        ),
        district,
        deps,
    )
    act(
        c.ApproveDossier(dossier_id=lan),
        person("huyen-truong-phong", "district_officer", unit="001"),
        deps,
    )
    act(
        c.SignDecision(dossier_id=lan, decision_number="7/QĐ-UBND"),
        person("huyen-chu-tich", "district_leader", unit="001"),
        deps,
    )

    registry = _registry(make_database)
    [(_, issued)] = _envelopes(service.router, "ansinh.dossier.v1.DecisionIssued")
    _registry_handles(registry, issued)
    [(_, applied)] = _envelopes(registry, "ansinh.registry.v1.DossierDecisionApplied")
    _dossier_handles(service, applied)
    details = queries.dossier_details(lan, citizen(), deps)
    assert details.registry_record_id
    assert details.dossier.decision is not None
    assert details.dossier.decision.unit_code == "001"  # the district decided
    with registry.shard_session("s1") as session:
        record = load_records(session, [details.registry_record_id])[details.registry_record_id]
    decision = record.state.decision
    assert decision is not None
    assert (decision.number, decision.signed_on, decision.signing_unit_code) == (
        "7/QĐ-UBND",
        dt.date(2025, 2, 10),
        "001",
    )
    assert record.state.person.residence.catalog_version == "pre2025"
    registry.dispose()
    service.close()


def test_make_up_saturday_and_paused_clock_through_the_service(
    make_database: Callable[[str], str],
) -> None:
    clock = Clock(dt.date(2026, 8, 20))  # Sat 22 Aug 2026 is worked (for Mon 31 Aug off)
    service = wired(make_database, clock=clock)
    deps = service.deps
    desk = person("xa-mot-cua", "commune_officer", unit=COMMUNE)
    did = _submit("1b", lan_values(), desk, deps)
    act(c.ReceiveDossier(dossier_id=did), desk, deps)
    assert queries.dossier_details(did, desk, deps).status.due_on == dt.date(2026, 8, 28)

    clock.day = dt.date(2026, 8, 24)
    act(
        c.RequestDocuments(dossier_id=did, documents=("giay-xac-nhan",), reason="Thiếu"), desk, deps
    )
    clock.day = dt.date(2026, 9, 8)
    paused = queries.dossier_details(did, desk, deps)
    assert paused.status.due_on is None and paused.status.due_state == "Tạm dừng tính thời hạn"
    act(c.SupplementDocuments(dossier_id=did, documents=("giay-xac-nhan",)), citizen(), deps)
    resumed = queries.dossier_details(did, desk, deps)
    # used Thu 20 → Mon 24 Aug: Fri 21, Sat 22 (make-up), Mon 24 = 3 of 7; 4 left from Tue 8 Sep
    assert resumed.status.due_on == dt.date(2026, 9, 14)
    assert resumed.steps[0].paused_working_days > 0
    service.close()
