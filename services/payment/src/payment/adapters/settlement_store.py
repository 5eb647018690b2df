"""The settlement store on one shard: channels, exported line channels, results, carry-overs,
suspension proposals (tables of revision 0003; lists and lines of 0002). Set-based SQL."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date

from sqlalchemy import text
from sqlalchemy.orm import Session

from ansinh_common.db import ShardRouter
from payment.domain.channel_assignment import ChannelAssignment
from payment.domain.corrections import LEGAL_BASIS as CORRECTION_BASIS
from payment.domain.corrections import CorrectedLine, Correction, ListFacts
from payment.domain.events import Event
from payment.domain.export_sheet import ExportRow
from payment.domain.months import Month
from payment.domain.results import Outcome, PaymentResult
from payment.domain.rules.suspension import Collection, SuspensionProposal
from payment.service_layer.settlement_ports import ChannelLine, ListHeader

DEFAULT_CHANNEL = "CASH_COMMUNE"  # no mapping yet: the commune pays in cash
WriteEvents = Callable[[Session, list[Event]], object]


def _month(d: date) -> Month:
    return Month(d.year, d.month)


class SqlSettlementStore:
    """One transaction on the province's shard; ``commit`` writes the events with it."""

    def __init__(self, session: Session, province_code: str, write_events: WriteEvents) -> None:
        self.session, self.province_code, self._write_events = session, province_code, write_events
        self.events: list[Event] = []

    def __enter__(self) -> SqlSettlementStore:
        return self

    def __exit__(self, *args: object) -> None:
        """Rolls back what was not committed and gives the connection back."""
        self.session.rollback()
        self.session.close()

    def list_header(self, list_id: str) -> ListHeader | None:
        row = self.session.execute(
            text("SELECT id, province_code, commune_code, month, state FROM payment_lists "
                 "WHERE id = :id FOR UPDATE"), {"id": list_id},
        ).first()  # fmt: skip
        if row is None or row.province_code != self.province_code:
            return None
        return ListHeader(row.id, row.province_code, row.commune_code, _month(row.month), row.state)

    def channel_history(self, national_id: str) -> list[ChannelAssignment]:
        rows = self.session.execute(
            text("SELECT national_id, channel_code, valid_from, point_code, account_number, "
                 "account_holder FROM channel_assignments WHERE national_id = :n "
                 "ORDER BY valid_from"), {"n": national_id},
        )  # fmt: skip
        return [
            ChannelAssignment(r.national_id, r.channel_code, _month(r.valid_from), r.point_code,
                              r.account_number, r.account_holder)
            for r in rows
        ]  # fmt: skip

    def add_channel(self, a: ChannelAssignment, by: str) -> None:
        self.session.execute(
            text("INSERT INTO channel_assignments (id, province_code, national_id, valid_from, "
                 "channel_code, point_code, account_number, account_holder, recorded_by) VALUES "
                 "(:id, :p, :n, :m, :c, :pt, :acc, :h, :by)"),
            {"id": str(uuid.uuid4()), "p": self.province_code, "n": a.beneficiary_id,
             "m": a.valid_from.first_day(), "c": a.channel_code, "pt": a.point_code,
             "acc": a.account_number, "h": a.account_holder, "by": by},
        )  # fmt: skip

    def assign_line_channels(self, header: ListHeader) -> None:
        """The mapping in force in the list's month for every line not yet assigned (the
        latest version valid from a month on or before it: ``channel_in_force``)."""
        self.session.execute(
            text("""
            INSERT INTO payment_line_channels
              (line_id, list_id, channel_code, point_code, account_number, account_holder)
            SELECT l.id, l.list_id, coalesce(ca.channel_code, :default), ca.point_code,
                   ca.account_number, ca.account_holder
            FROM payment_lines l
            LEFT JOIN LATERAL (
              SELECT * FROM channel_assignments c
              WHERE c.national_id = l.national_id AND c.valid_from <= :month
              ORDER BY c.valid_from DESC LIMIT 1) ca ON true
            WHERE l.list_id = :list
            ON CONFLICT (line_id) DO NOTHING"""),
            {"list": header.list_id, "month": header.month.first_day(),
             "default": DEFAULT_CHANNEL},
        )  # fmt: skip

    def export_rows(self, list_id: str) -> list[ExportRow]:
        rows = self.session.execute(
            text("SELECT p.commune_code, l.id, l.national_id, l.kind, l.amount_vnd, "
                 "c.channel_code, c.point_code, c.account_number, c.account_holder "
                 "FROM payment_lines l JOIN payment_lists p ON p.id = l.list_id "
                 "JOIN payment_line_channels c ON c.line_id = l.id WHERE l.list_id = :list"),
            {"list": list_id},
        )  # fmt: skip
        return [ExportRow(*r) for r in rows]

    def mark_exported(self, list_id: str) -> None:
        self.session.execute(
            text("UPDATE payment_lists SET state = 'exported', exported_at = now(), "
                 "updated_at = now(), version = version + 1 WHERE id = :id AND state = 'approved'"),
            {"id": list_id},
        )  # fmt: skip

    def record_export(self, list_id: str, channel: str, fmt: str, rows: int, total: int,
                      checksum: str, by: str) -> bool:  # fmt: skip
        done = self.session.execute(
            text("INSERT INTO payment_exports (id, list_id, channel_code, file_format, "
                 "line_count, total_vnd, checksum, exported_by) VALUES "
                 "(:id, :list, :c, :f, :n, :t, :s, :by) ON CONFLICT (list_id, channel_code, "
                 "file_format, checksum) DO NOTHING RETURNING id"),
            {"id": str(uuid.uuid4()), "list": list_id, "c": channel, "f": fmt, "n": rows,
             "t": total, "s": checksum, "by": by},
        )  # fmt: skip
        return done.first() is not None

    def channel_lines(self, list_id: str, channel_code: str) -> dict[str, ChannelLine]:
        rows = self.session.execute(
            text("SELECT l.id, l.record_id, l.national_id, l.month_for, l.amount_vnd, "
                 "c.channel_code FROM payment_lines l JOIN payment_line_channels c "
                 "ON c.line_id = l.id WHERE l.list_id = :list AND c.channel_code = :c"),
            {"list": list_id, "c": channel_code},
        )  # fmt: skip
        return {
            r.id: ChannelLine(r.id, r.record_id, r.national_id, _month(r.month_for),
                              r.amount_vnd, r.channel_code)
            for r in rows
        }  # fmt: skip

    def outcomes(self, list_id: str) -> dict[str, Outcome]:
        rows = self.session.execute(
            text("SELECT line_id, outcome FROM payment_results WHERE list_id = :list"),
            {"list": list_id},
        )
        return {r.line_id: Outcome(r.outcome) for r in rows}

    def save_results(self, header: ListHeader, results: Sequence[tuple[PaymentResult,
                     ChannelLine]], import_id: str, by: str) -> None:  # fmt: skip
        if not results:
            return
        self.session.execute(
            text("INSERT INTO payment_results (line_id, list_id, national_id, month, "
                 "channel_code, outcome, amount_vnd, reason_code, collected_on, point_code, "
                 "import_id, recorded_by) VALUES (:line, :list, :n, :m, :c, :o, :a, :r, :d, "
                 ":pt, :imp, :by)"),
            [{"line": line.line_id, "list": header.list_id, "n": line.national_id,
              "m": header.month.first_day(), "c": r.channel_code, "o": str(r.outcome),
              "a": r.amount, "r": r.reason_code, "d": r.collected_on, "pt": r.point_code,
              "imp": import_id, "by": by} for r, line in results],
        )  # fmt: skip

    def carry_over(self, header: ListHeader, line: ChannelLine, reason: str) -> None:
        self.session.execute(
            text("INSERT INTO payment_carry_overs (id, province_code, commune_code, record_id, "
                 "national_id, from_line_id, month_for, amount_vnd, reason) VALUES "
                 "(:id, :p, :c, :rec, :n, :line, :m, :a, :reason) "
                 "ON CONFLICT (from_line_id) DO NOTHING"),
            {"id": str(uuid.uuid4()), "p": header.province_code, "c": header.commune_code,
             "rec": line.record_id, "n": line.national_id, "line": line.line_id,
             "m": line.month_for.first_day(), "a": line.amount, "reason": reason},
        )  # fmt: skip

    def reconcile_lines(self, list_id: str) -> list[tuple[str, int, str]]:
        rows = self.session.execute(
            text("SELECT l.id, l.amount_vnd, coalesce(c.channel_code, :default) AS channel "
                 "FROM payment_lines l LEFT JOIN payment_line_channels c ON c.line_id = l.id "
                 "WHERE l.list_id = :list"),
            {"list": list_id, "default": DEFAULT_CHANNEL},
        )  # fmt: skip
        return [(r.id, r.amount_vnd, r.channel) for r in rows]

    def collections(self, record_ids: Iterable[str]) -> Mapping[str, dict[Month, Collection]]:
        """Per registry record and list month: collected if any of its lines that month was
        paid (months without a result yet are not in the history)."""
        rows = self.session.execute(
            text("SELECT l.record_id, r.month, bool_or(r.outcome = 'paid') AS paid "
                 "FROM payment_results r JOIN payment_lines l ON l.id = r.line_id "
                 "WHERE l.record_id = ANY(:ids) GROUP BY l.record_id, r.month"),
            {"ids": list(record_ids)},
        )  # fmt: skip
        out: dict[str, dict[Month, Collection]] = {}
        for r in rows:
            out.setdefault(r.record_id, {})[_month(r.month)] = (
                Collection.COLLECTED if r.paid else Collection.NOT_COLLECTED
            )
        return out

    def add_proposal(self, header: ListHeader, proposal: SuspensionProposal) -> bool:
        done = self.session.execute(
            text("INSERT INTO suspension_proposals (record_id, month, province_code, "
                 "commune_code, months_not_collected) VALUES (:n, :m, :p, :c, :months) "
                 "ON CONFLICT DO NOTHING RETURNING record_id"),
            {"n": proposal.beneficiary_id, "m": header.month.first_day(),
             "p": header.province_code, "c": header.commune_code,
             "months": [m.first_day() for m in proposal.months_not_collected]},
        ).first()  # fmt: skip
        return done is not None

    def corrected_line(self, line_id: str) -> CorrectedLine | None:
        row = self.session.execute(
            text("SELECT l.id, l.amount_vnd, p.id AS list_id, p.commune_code, p.month, p.state "
                 "FROM payment_lines l JOIN payment_lists p ON p.id = l.list_id "
                 "WHERE l.id = :id AND p.province_code = :p"),
            {"id": line_id, "p": self.province_code},
        ).first()  # fmt: skip
        if row is None:
            return None
        facts = ListFacts(row.list_id, row.commune_code, _month(row.month), row.state)
        return CorrectedLine(row.id, facts, row.amount_vnd)

    def list_facts(self, header: ListHeader) -> ListFacts:
        return ListFacts(header.list_id, header.commune_code, header.month, header.state)

    def add_adjustment(self, header: ListHeader, correction: Correction, by: str) -> bool:
        """The adjustment line (once per corrected line and list) and its maker on the list."""
        part = {"kind": "adjustment", "amount": correction.amount,
                "description": correction.description, "legal_basis": CORRECTION_BASIS,
                "month": str(correction.month_for)}  # fmt: skip
        added = self.session.execute(
            text("INSERT INTO payment_lines (id, list_id, record_id, national_id, full_name, "
                 "kind, month_for, amount_vnd, breakdown, corrects_line_id, reason) "
                 "SELECT :id, :list, record_id, national_id, full_name, 'adjustment', month_for, "
                 ":amount, CAST(:breakdown AS jsonb), id, :reason FROM payment_lines "
                 "WHERE id = :corrected ON CONFLICT (id) DO NOTHING RETURNING id"),
            {"id": f"{header.list_id}/{correction.line_id}", "list": header.list_id,
             "amount": correction.amount, "breakdown": json.dumps([part], ensure_ascii=False),
             "reason": correction.reason, "corrected": correction.corrects_line_id},
        ).first()  # fmt: skip
        if added is None:
            return False
        self.session.execute(
            text("UPDATE payment_lists SET adjusted_by = array_append(adjusted_by, :by), "
                 "line_count = line_count + 1, total_vnd = total_vnd + :amount, "
                 "version = version + 1, updated_at = now() WHERE id = :id"),
            {"by": by, "amount": correction.amount, "id": header.list_id},
        )  # fmt: skip
        return True

    def publish(self, event: Event) -> None:
        self.events.append(event)

    def commit(self) -> None:
        self._write_events(self.session, list(self.events))
        self.session.commit()


def settlement_store(
    router: ShardRouter, province_code: str, write_events: WriteEvents
) -> SqlSettlementStore:
    session = router.session_factory(router.shard_for(province_code))()
    return SqlSettlementStore(session, province_code, write_events)
