"""``PaymentReads`` on the shards: lines of a list, approval dates, suspension proposals."""

from __future__ import annotations

import base64
import json
from datetime import date, datetime
from typing import Any

from sqlalchemy import text

from ansinh_common.db import ShardRouter
from ansinh_common.errors import FieldError, InvalidInput
from payment.domain.months import Month
from payment.domain.rules.list_deadline import local_date
from payment.service_layer.read_ports import LinePage, LineView, ProposalView


class SqlPaymentReads:
    def __init__(self, router: ShardRouter) -> None:
        self.router = router

    def _rows(self, province_code: str, sql: str, **params: Any) -> list[Any]:
        engine = self.router.engine(self.router.shard_for(province_code))
        with engine.connect() as conn:
            return list(conn.execute(text(sql), params))

    def lines(self, province_code: str, list_id: str) -> list[LineView]:
        rows = self._rows(
            province_code,
            "SELECT id, national_id, full_name, kind, month_for, amount_vnd, needs_review, "
            "breakdown, corrects_line_id, reason FROM payment_lines WHERE list_id = :id "
            "ORDER BY national_id, kind, month_for, id",
            id=list_id,
        )
        return [_line(r) for r in rows]

    def line_page(self, province_code: str, list_id: str, size: int, token: str) -> LinePage:
        after = _decode(token)
        rows = self._rows(
            province_code,
            "SELECT id, national_id, full_name, kind, month_for, amount_vnd, needs_review, "
            "breakdown, corrects_line_id, reason FROM payment_lines WHERE list_id = :id "
            "AND (CAST(:first AS boolean) OR (national_id, kind, month_for, id) > "
            "(CAST(:n AS text), CAST(:k AS text), CAST(:m AS date), CAST(:l AS text))) "
            "ORDER BY national_id, kind, month_for, id LIMIT :size",
            id=list_id, size=size + 1, first=after is None,
            **(after or dict.fromkeys("nkml")),
        )  # fmt: skip
        more = len(rows) > size
        rows = rows[:size]
        last = rows[-1] if more else None
        token = _encode([last.national_id, last.kind, last.month_for.isoformat(), last.id]) \
            if last is not None else ""  # fmt: skip
        return LinePage([_line(r) for r in rows], token)

    def approvals(self, province_code: str, month: Month) -> dict[str, date | None]:
        rows = self._rows(
            province_code,
            "SELECT c.commune_code, l.approved_at FROM ("
            " SELECT DISTINCT commune_code FROM entitlement_persons WHERE province_code = :p"
            " UNION SELECT commune_code FROM payment_lists WHERE province_code = :p"
            " AND month = :m) c LEFT JOIN payment_lists l ON l.commune_code = c.commune_code"
            " AND l.month = :m AND l.state <> 'draft'",
            p=province_code, m=month.first_day(),
        )  # fmt: skip
        return {r.commune_code: _local(r.approved_at) for r in rows}

    def proposals(
        self, province_code: str, commune_code: str | None, month: Month | None
    ) -> list[ProposalView]:
        rows = self._rows(
            province_code,
            "SELECT record_id, commune_code, month, months_not_collected, proposed_at"
            " FROM suspension_proposals WHERE province_code = :p"
            " AND (CAST(:c AS text) IS NULL OR commune_code = :c)"
            " AND (CAST(:m AS date) IS NULL OR month = :m) ORDER BY month, commune_code, record_id",
            p=province_code, c=commune_code, m=month.first_day() if month else None,
        )  # fmt: skip
        return [
            ProposalView(r.record_id, r.commune_code, Month.of(r.month),
                         tuple(Month.of(d) for d in r.months_not_collected),
                         local_date(r.proposed_at))
            for r in rows
        ]  # fmt: skip


def _line(r: Any) -> LineView:
    return LineView(
        r.id, r.national_id, r.full_name, r.kind, Month.of(r.month_for), r.amount_vnd,
        r.needs_review, tuple(_parts(r.breakdown)), r.corrects_line_id, r.reason,
    )  # fmt: skip


def _encode(values: list[str]) -> str:
    return base64.urlsafe_b64encode(json.dumps(values).encode()).decode()


def _decode(token: str) -> dict[str, Any] | None:
    """The last line of the previous page; a token that is not one of ours is a 4xx."""
    if not token:
        return None
    try:
        n, k, m, line = (str(v) for v in json.loads(base64.urlsafe_b64decode(token.encode())))
        if "\x00" in n + k + line:  # PostgreSQL text cannot hold it
            raise ValueError("NUL in a page token")
        return {"n": n, "k": k, "m": date.fromisoformat(m), "l": line}
    except (ValueError, TypeError) as exc:
        raise InvalidInput(
            errors=[FieldError("page.page_token", "Mã trang không hợp lệ.", "format")]
        ) from exc


def _parts(breakdown: Any) -> list[dict[str, Any]]:
    """The generated lines keep ``{"parts": [...]}``; adjustment lines a list of parts."""
    parts = breakdown.get("parts", []) if isinstance(breakdown, dict) else breakdown
    return [p for p in parts or [] if isinstance(p, dict)]


def _local(instant: datetime | None) -> date | None:
    return local_date(instant) if instant is not None else None
