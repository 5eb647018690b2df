"""``PaymentLists`` on a shard session: list headers only (the lines are written set-based).

Optimistic concurrency: a header is updated only at the version it was read with; a concurrent
change makes the update touch no row and raises ``ConcurrentListChange`` (409).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from ansinh_common.errors import FailedPrecondition
from payment.adapters.orm import payment_lists
from payment.domain.months import Month
from payment.domain.payment_list import ListState, ListSummary, PaymentList


class ConcurrentListChange(FailedPrecondition):
    def __init__(self, list_id: str) -> None:
        super().__init__(
            f"Danh sách {list_id} vừa được người khác thay đổi; hãy tải lại và thử lại.",
            title="Danh sách đã thay đổi",
        )


class SqlPaymentLists:
    def __init__(self, session: Session) -> None:
        self.session = session
        self.seen: dict[str, PaymentList] = {}
        self._new: set[str] = set()
        self._loaded_version: dict[str, int] = {}

    def get(self, commune_code: str, month: Month) -> PaymentList | None:
        row = self.session.execute(
            select(payment_lists).where(
                payment_lists.c.commune_code == commune_code,
                payment_lists.c.month == month.first_day(),
            )
        ).one_or_none()
        return self._remember(_from_row(row._mapping)) if row is not None else None

    def for_province(self, province_code: str, month: Month) -> list[PaymentList]:
        rows = self.session.execute(
            select(payment_lists)
            .where(
                payment_lists.c.province_code == province_code,
                payment_lists.c.month == month.first_day(),
            )
            .order_by(payment_lists.c.commune_code)
        )
        return [self._remember(_from_row(r._mapping)) for r in rows]

    def add(self, payment_list: PaymentList) -> None:
        self.seen[payment_list.id] = payment_list
        self._new.add(payment_list.id)

    def persist(self) -> None:
        for key, pl in self.seen.items():
            values = _values(pl)
            if key in self._new:
                self.session.execute(insert(payment_lists).values(id=pl.id, **values))
                continue
            if pl.version == self._loaded_version[key]:
                continue
            done = self.session.execute(
                update(payment_lists)
                .where(
                    payment_lists.c.id == pl.id,
                    payment_lists.c.version == self._loaded_version[key],
                )
                .values(updated_at=func.now(), **values)
            )
            if done.rowcount != 1:  # type: ignore[attr-defined]
                raise ConcurrentListChange(pl.id)
        self._new.clear()
        self._loaded_version = {k: v.version for k, v in self.seen.items()}

    def _remember(self, pl: PaymentList) -> PaymentList:
        known = self.seen.get(pl.id)
        if known is not None:
            return known
        self.seen[pl.id] = pl
        self._loaded_version[pl.id] = pl.version
        return pl


def _from_row(row: Any) -> PaymentList:
    month: date = row["month"]
    return PaymentList(
        province_code=row["province_code"],
        commune_code=row["commune_code"],
        month=Month.of(month),
        prepared_by=row["prepared_by"],
        state=ListState(row["state"]),
        approved_by=row["approved_by"],
        prepared_by_name=row["prepared_by_name"] or "",
        approved_by_name=row["approved_by_name"] or "",
        adjusted_by=set(row["adjusted_by"]),
        version=row["version"],
        summary=ListSummary(row["line_count"], row["total_vnd"], frozenset(row["setting_keys"])),
    )


def _values(pl: PaymentList) -> dict[str, Any]:
    summary = pl.summary or ListSummary(pl.line_count, pl.total, pl.setting_keys)
    stamps: dict[str, Any] = {}
    for state, column in (
        (ListState.APPROVED, "approved_at"),
        (ListState.EXPORTED, "exported_at"),
        (ListState.CLOSED, "closed_at"),
    ):
        if pl.state is state:
            stamps[column] = func.now()
    return {
        "province_code": pl.province_code,
        "commune_code": pl.commune_code,
        "month": pl.month.first_day(),
        "state": pl.state.value,
        "prepared_by": pl.prepared_by,
        "approved_by": pl.approved_by,
        "prepared_by_name": pl.prepared_by_name or None,
        "approved_by_name": pl.approved_by_name or None,
        "adjusted_by": sorted(pl.adjusted_by),
        "line_count": summary.lines,
        "total_vnd": summary.total,
        "setting_keys": sorted(summary.setting_keys),
        "version": pl.version,
        **stamps,
    }
