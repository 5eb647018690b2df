"""The registry's business counters (ADR 0023; exported as ``ansinh_registry_*_total``)."""

from __future__ import annotations

from ansinh_common.telemetry import business_counter

IMPORT_ROW_OUTCOMES = ("applied", "rejected", "checked")
"""applied: written to the register; rejected: with errors; checked: valid, not applied
(a dry run, or an all-or-nothing import refused because of other rows)."""

IMPORT_ROWS = business_counter(
    "ansinh.registry.import.rows",
    "rows of the communes' Excel imports, by outcome",
    labels=("outcome",),
    initial=[{"outcome": outcome} for outcome in IMPORT_ROW_OUTCOMES],
)


def count_import_rows(total: int, valid: int, applied: int) -> None:
    """Count one finished import's rows (``total`` read, ``valid`` of them, ``applied``)."""
    IMPORT_ROWS.add(applied, outcome="applied")
    IMPORT_ROWS.add(total - valid, outcome="rejected")
    IMPORT_ROWS.add(valid - applied, outcome="checked")
