"""Importing a filled review list: every row checked, the valid ones applied one at a time.

A row (one household) carries what the officer filled in: at step 1 a household to list (with
its request), at step 2 Phiếu A and, for a household that needs it, the scored survey. Each
row is applied through the same use cases as the API (``reviews.add_household``,
``reviews.act_together``) in its own transaction, so a row is applied whole or not at all and
one bad row does not stop the others. Rows the reader already found faulty are not applied.
Errors are the domain's field errors; the reader maps them back to the row's columns.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ansinh_common.auth.principal import Principal
from ansinh_common.errors import DomainError, FieldError
from poverty.domain import commands as c
from poverty.domain.review import Channel, RequestForm
from poverty.service_layer.handlers import reviews
from poverty.service_layer.handlers.households import Dependencies


@dataclass(frozen=True, slots=True)
class ImportRow:
    number: int  # the row as Excel shows it
    household_id: str
    listing: tuple[RequestForm, Channel, dt.date] | None | bool = False
    """False: the household is already listed; None or a request: list it (step 1)."""
    actions: tuple[c.ReviewAction, ...] = ()
    errors: tuple[FieldError, ...] = ()  # found while reading (not applied)

    @property
    def empty(self) -> bool:
        return self.listing is False and not self.actions and not self.errors


@dataclass(slots=True)
class ImportOutcome:
    rows: int = 0
    applied: int = 0
    rejected: dict[int, list[FieldError]] = field(default_factory=dict)  # row -> errors


def _errors_of(error: DomainError) -> list[FieldError]:
    return list(error.errors) or [FieldError("household_id", error.detail, "invalid")]


def import_rows(
    principal: Principal,
    province_code: str,
    review_id: str,
    rows: list[ImportRow],
    deps: Dependencies,
) -> ImportOutcome:
    outcome = ImportOutcome()
    for row in rows:
        if row.empty:
            continue
        outcome.rows += 1
        if row.errors:
            outcome.rejected[row.number] = list(row.errors)
            continue
        try:
            if row.listing is not False:
                listing = row.listing if isinstance(row.listing, tuple) else None
                reviews.add_household(
                    principal, province_code, review_id, row.household_id, listing, deps
                )
            if row.actions:
                reviews.act_together(principal, province_code, review_id, row.actions, deps)
        except DomainError as error:
            outcome.rejected[row.number] = _errors_of(error)
            continue
        outcome.applied += 1
    return outcome
