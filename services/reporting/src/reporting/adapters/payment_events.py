"""Payment events (``ansinh.payment.v1``, protobuf in a CloudEvents envelope) → budget rows."""

from __future__ import annotations

from datetime import date
from typing import Any

from ansinh.payment.v1 import events_pb2
from ansinh_common.messaging import Envelope
from reporting.domain.budget import GroupTotal, ListRow, ResultRow
from reporting.domain.rules.unit_versions import units_on

PACKAGE = "ansinh.payment.v1."
_LIST_EVENTS = ("ListGenerated", "ListApproved", "MonthClosed")


def row_from_envelope(envelope: Envelope) -> ListRow | ResultRow | None:
    """The row of a list or result event; ``None`` for the other payment events."""
    name = envelope.type.removeprefix(PACKAGE)
    if not envelope.type.startswith(PACKAGE) or name not in (
        *_LIST_EVENTS,
        "PaymentResultRecorded",
    ):
        return None
    m: Any = getattr(events_pb2, name)()
    m.ParseFromString(envelope.data)
    month = date(m.month.year, m.month.month, 1)
    units = units_on(m.commune_code, month, m.province_code)
    if name == "PaymentResultRecorded":
        return ResultRow(
            event_id=str(envelope.id), line_id=m.line_id, units=units, month=month,
            outcome=m.outcome, channel=m.channel, amount_vnd=m.amount_vnd,
            group_code=m.group_code, arrears=m.arrears,
        )  # fmt: skip
    row: dict[str, Any] = {"list_id": m.list_id, "province_code": m.province_code,
                           "units": units, "month": month}  # fmt: skip
    if name == "ListGenerated":
        row.update(lines=m.lines, owed_vnd=m.total_vnd, owed_totals=_totals(m.totals))
    elif name == "ListApproved":
        row.update(approved_vnd=m.total_vnd, approved_totals=_totals(m.totals))
    else:
        row.update(closed=True)
    return ListRow(**row)


def _totals(totals: Any) -> tuple[GroupTotal, ...]:
    return tuple(
        GroupTotal(t.group_code, t.channel, t.arrears, t.lines, t.amount_vnd) for t in totals
    )
