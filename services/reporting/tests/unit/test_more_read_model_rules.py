"""Poverty moves, dossier summaries (on time, late, ended) and who may read the poverty and
procedures reports (plain Python, ADR 0029)."""

from __future__ import annotations

from datetime import date

import pytest

from ansinh_common.auth.principal import Principal
from ansinh_common.authz import AccessDenied, CatalogUnitTree
from ansinh_common.errors import InvalidInput
from ansinh_common.messaging import Envelope
from reporting.adapters.dossier_events import step_from_envelope
from reporting.adapters.poverty_events import decision_from_envelope
from reporting.domain.poverty import PovertyReport, poverty_scope
from reporting.domain.procedures import (
    DossierStep,
    DossierSummary,
    ProceduresReport,
    child_column,
    summarize,
)
from reporting.domain.reports import UnitScope, unit_scope
from reporting.domain.rules.poverty_moves import moves
from reporting.domain.rules.unit_versions import units_on
from reporting.service_layer import report_queries
from reporting.testing import certificate, changed, decided


@pytest.mark.parametrize(
    ("previous", "status", "expected"),
    [
        ("none", "poor", ("entered_poverty",)),
        ("near_poor", "poor", ("entered_poverty",)),
        ("none", "near_poor", ("entered_near_poverty",)),
        ("poor", "near_poor", ("left_poverty",)),
        ("poor", "left_poverty", ("left_poverty",)),
        ("near_poor", "left_near_poverty", ("left_near_poverty",)),
        ("poor", "poor", ()),
    ],
)
def test_moves_of_a_decision(previous: str, status: str, expected: tuple[str, ...]) -> None:
    assert moves(previous, status) == expected


def test_only_status_decisions_change_the_poverty_figures() -> None:
    decision = decision_from_envelope(
        decided("h1", date(2025, 12, 15), "poor", deprivations=("health_insurance",))
    )
    assert decision is not None and decision.effective_on == date(2025, 12, 15)
    assert decision.deprivations == ("health_insurance",)
    assert decision_from_envelope(certificate("h1", date(2025, 12, 20))) is None


def _steps(*envelopes: Envelope) -> list[DossierStep]:
    steps = [step_from_envelope(e) for e in envelopes]
    assert all(s is not None for s in steps)
    return [s for s in steps if s is not None]


def _summary(steps: list[DossierStep]) -> DossierSummary:
    first = min(steps, key=lambda s: s.version)
    return summarize(steps, units_on(first.unit_code, first.local_date, first.province_code))


def test_a_dossier_resolved_after_the_running_steps_due_date_is_late() -> None:
    steps = _steps(
        changed("x", 1, date(2025, 9, 1), "submitted", "", "submit"),
        changed("x", 2, date(2025, 9, 2), "in_review", "submitted", "receive",
                due_on=date(2025, 9, 10)),
        changed("x", 3, date(2025, 9, 11), "decided", "in_review", "decide"),
    )  # fmt: skip
    summary = _summary(list(reversed(steps)))  # arrival order does not matter
    assert (summary.received_on, summary.resolved_on) == (date(2025, 9, 2), date(2025, 9, 11))
    assert summary.resolved_late is True and summary.ended_on is None
    on_time = _summary(steps[:2] + _steps(
        changed("x", 3, date(2025, 9, 10), "rejected", "in_review", "reject")))  # fmt: skip
    assert on_time.resolved_late is False


def test_a_withdrawn_dossier_ends_without_a_result() -> None:
    summary = _summary(_steps(
        changed("w", 1, date(2025, 9, 1), "submitted", "", "submit"),
        changed("w", 2, date(2025, 9, 2), "in_review", "submitted", "receive"),
        changed("w", 3, date(2025, 9, 5), "withdrawn", "in_review", "withdraw"),
    ))  # fmt: skip
    assert (summary.resolved_on, summary.ended_on) == (None, date(2025, 9, 5))


def test_the_local_day_is_vietnams() -> None:
    (step,) = _steps(changed("t", 1, date(2025, 9, 1), "submitted", "", "submit", hour=18))
    assert step.local_date == date(2025, 9, 2)  # 18:00 UTC is 01:00 the next day in Hà Nội


def test_a_dossier_before_the_merger_is_counted_under_its_old_district() -> None:
    units = units_on("00001", date(2025, 3, 1), "01")
    assert (units.district_pre, units.commune_2025) == ("001", "00097")
    assert child_column(unit_scope("province", "01", date(2025, 3, 1))) == "district_pre"
    assert child_column(unit_scope("country", "", date(2025, 8, 1))) == "province_2025"


def test_the_poverty_report_has_no_district_level() -> None:
    with pytest.raises(InvalidInput) as caught:
        poverty_scope("district", "001", date(2025, 3, 1))
    assert caught.value.errors[0].field == "level"
    assert poverty_scope("commune", "00004", date(2025, 3, 1)).column() == "commune_2025"


class _Reads:
    def poverty(self, scope: UnitScope, month: date) -> PovertyReport:
        return PovertyReport(scope, month, 10, 2, 1)

    def procedures(self, scope: UnitScope, month: date, child_level: str) -> ProceduresReport:
        return ProceduresReport(scope, month, (), ())


SOCIAL = Principal(
    "s1", "tinh.hanoi", frozenset({"province_officer", "domain_social_assistance"}), "01"
)
POVERTY = Principal("s2", "tinh.giamngheo", frozenset({"province_officer", "domain_poverty"}), "01")


def test_poverty_is_readable_only_with_the_poverty_roles() -> None:
    kw = {"level": "province", "unit_code": "01", "month": date(2025, 12, 1)}
    report = report_queries.poverty_report(_Reads(), POVERTY, CatalogUnitTree(), **kw)  # type: ignore[arg-type]
    assert report.poor_rate == 0.2
    with pytest.raises(AccessDenied):
        report_queries.poverty_report(_Reads(), SOCIAL, CatalogUnitTree(), **kw)  # type: ignore[arg-type]


def test_procedures_are_refused_to_the_poverty_roles() -> None:
    kw = {"level": "province", "unit_code": "01", "month": date(2025, 12, 1)}
    report_queries.procedures_report(_Reads(), SOCIAL, CatalogUnitTree(), **kw)  # type: ignore[arg-type]
    with pytest.raises(AccessDenied):
        report_queries.procedures_report(_Reads(), POVERTY, CatalogUnitTree(), **kw)  # type: ignore[arg-type]
