"""The budget's lines by group, channel and arrears (ADR 0035), and the reconciliation of the
poverty, procedures and budget read models with their owners' counts (plain data, fakes)."""

from __future__ import annotations

from datetime import date

from reporting.domain.budget import BudgetLine, BudgetReport, budget_lines
from reporting.domain.reconciliation import Difference
from reporting.domain.reports import unit_scope
from reporting.service_layer.handlers.reconcile import reconcile_read_models

OCT = date(2025, 10, 1)


def test_budget_lines_merge_the_figures_and_keep_arrears_apart() -> None:
    lines = budget_lines(
        owed={("5.5a", "VBSP", False): 1_000_000, ("5.5a", "VBSP", True): 540_000},
        approved={("5.5a", "VBSP", False): 1_000_000},
        paid={("5.5a", "VBSP", False): 1_000_000, ("5.1", "MOMO", False): 700_000},
        unpaid={("5.5a", "VBSP", True): 540_000},
    )
    assert lines == (
        BudgetLine("5.1", "MOMO", False, 0, 0, 700_000, 0),
        BudgetLine("5.5a", "VBSP", False, 1_000_000, 1_000_000, 1_000_000, 0),
        BudgetLine("5.5a", "VBSP", True, 540_000, 0, 0, 540_000),
    )
    paid = {"VBSP": 1_000_000, "MOMO": 700_000}
    report = BudgetReport(unit_scope("province", "01", OCT), OCT, 1, 0, 1_540_000, 1_000_000,
                          1_700_000, 540_000, paid, lines)  # fmt: skip
    assert (report.arrears_owed_vnd, report.arrears_paid_vnd) == (540_000, 0)


class FakeOwner:
    def __init__(self, shard: str, counts: dict[str, int]) -> None:
        self.shard, self._counts = shard, counts

    def counts(self, province_code: str) -> tuple[str, dict[str, int]]:
        return self.shard, dict(self._counts) if province_code == "01" else {}


class FakeReadModels:
    def __init__(self, counts: dict[str, dict[str, int]]) -> None:
        self._counts = counts

    def counts(self, source: str, province_code: str) -> dict[str, int]:
        return dict(self._counts.get(source, {})) if province_code == "01" else {}


def test_each_owner_is_compared_per_province_and_every_difference_is_named() -> None:
    ours = FakeReadModels({
        "poverty": {"poor": 2, "near_poor": 1}, "payment": {"lists": 3}, "dossier": {},
    })  # fmt: skip
    owners = {
        "poverty": FakeOwner("s1", {"poor": 2, "near_poor": 1}),
        "payment": FakeOwner("s2", {"lists": 4, "results": 1}),
        "dossier": FakeOwner("s1", {"dossiers": 1}),
    }
    found = reconcile_read_models(ours, owners, ["01", "79"])
    assert found == [
        Difference("01", "s1", "dossiers", 0, 1, "dossier"),
        Difference("01", "s2", "lists", 3, 4, "payment"),
        Difference("01", "s2", "results", 0, 1, "payment"),
    ]
