"""The figures the reporting service needs on the list and result events (ADR 0035), computed
set-based in the shard's transaction that writes the events.

A line's group is the ``group`` of its first breakdown part (the Art. 5 group of a monthly
allowance, the kind C1–C4 of a care support); a carry-over or a correction takes the group of
the line it pays again; a line with no group part (funeral support) is reported under its kind.
Its channel is the one it was exported through, else the ID → account mapping in force for the
list's month (``CASH_COMMUNE`` without one, as at export); it is arrears when it pays an earlier
month than the list's.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.orm import Session

from payment.adapters.settlement_store import DEFAULT_CHANNEL

_LINE_FACTS = """
SELECT l.id, l.list_id, l.amount_vnd, l.month_for < pl.month AS arrears,
       coalesce((SELECT p.value ->> 'group'
                   FROM jsonb_array_elements(coalesce(src.breakdown, l.breakdown) -> 'parts')
                        WITH ORDINALITY AS p(value, n)
                  WHERE p.value ? 'group' ORDER BY p.n LIMIT 1), l.kind) AS group_code,
       coalesce(lc.channel_code, ca.channel_code, :default) AS channel
  FROM payment_lines l
  JOIN payment_lists pl ON pl.id = l.list_id
  LEFT JOIN payment_carry_overs co ON co.consumed_by_line_id = l.id
  LEFT JOIN payment_lines src ON src.id = coalesce(co.from_line_id, l.corrects_line_id)
  LEFT JOIN payment_line_channels lc ON lc.line_id = l.id
  LEFT JOIN LATERAL (
    SELECT c.channel_code FROM channel_assignments c
     WHERE c.national_id = l.national_id AND c.valid_from <= pl.month
     ORDER BY c.valid_from DESC LIMIT 1) ca ON true
"""
_TOTALS = f"""
SELECT group_code, channel, arrears, count(*) AS lines, sum(amount_vnd) AS amount
  FROM ({_LINE_FACTS} WHERE l.list_id = :list_id) f
 GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
"""  # noqa: S608 - constant SQL, values bound
_LINES = f"{_LINE_FACTS} WHERE l.id = ANY(:ids)"


@dataclass(frozen=True, slots=True)
class GroupChannelTotal:
    group_code: str
    channel: str
    arrears: bool
    lines: int
    amount: int  # VND


@dataclass(frozen=True, slots=True)
class LineFacts:
    group_code: str
    arrears: bool


def list_totals(session: Session, list_id: str) -> list[GroupChannelTotal]:
    """The list's lines by (group, channel, arrears), as they stand in the transaction."""
    rows = session.execute(text(_TOTALS), {"list_id": list_id, "default": DEFAULT_CHANNEL})
    return [
        GroupChannelTotal(r.group_code, r.channel, bool(r.arrears), int(r.lines), int(r.amount))
        for r in rows
    ]


def line_facts(session: Session, line_ids: Sequence[str]) -> dict[str, LineFacts]:
    """Group and arrears flag of each line (one query for a results file's lines)."""
    if not line_ids:
        return {}
    rows = session.execute(text(_LINES), {"ids": list(line_ids), "default": DEFAULT_CHANNEL})
    return {r.id: LineFacts(r.group_code, bool(r.arrears)) for r in rows}
