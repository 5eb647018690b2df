"""What the read-side use cases need from storage: lines of a list, approvals, proposals."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

from ansinh_common.errors import FieldError, InvalidInput
from payment.domain.months import Month


@dataclass(frozen=True, slots=True)
class LineView:
    """A line as stored: ``parts`` are the breakdown's parts (JSON objects) as generated."""

    line_id: str
    national_id: str
    full_name: str
    kind: str
    month_for: Month
    amount: int
    needs_review: bool
    parts: tuple[dict[str, Any], ...]
    corrects_line_id: str | None
    reason: str | None


@dataclass(frozen=True, slots=True)
class ProposalView:
    record_id: str
    commune_code: str
    month: Month
    months_not_collected: tuple[Month, ...]
    proposed_on: date


DEFAULT_PAGE, MAX_PAGE = 50, 500


def page_size(requested: int) -> int:
    """The house paging convention: 0 is the default (50), at most 500."""
    if requested < 0 or requested > MAX_PAGE:
        raise InvalidInput(
            errors=[FieldError("page.page_size", f"Kích thước trang phải từ 1 đến {MAX_PAGE}.",
                               "range")]
        )  # fmt: skip
    return requested or DEFAULT_PAGE


@dataclass(frozen=True, slots=True)
class LinePage:
    lines: list[LineView]
    next_token: str  # empty on the last page


class PaymentReads(Protocol):
    def lines(self, province_code: str, list_id: str) -> list[LineView]: ...

    def line_page(self, province_code: str, list_id: str, size: int, token: str) -> LinePage:
        """``size`` lines after ``token`` (empty: from the first), ordered by personal ID,
        kind, month and line id; a token that is not one of ours is an ``InvalidInput``."""
        ...

    def approvals(self, province_code: str, month: Month) -> dict[str, date | None]:
        """Commune → the Vietnam date its list of ``month`` was approved (``None``: not yet),
        for every commune with beneficiaries or a list that month."""
        ...

    def proposals(
        self, province_code: str, commune_code: str | None, month: Month | None
    ) -> list[ProposalView]: ...
