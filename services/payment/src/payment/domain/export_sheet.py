"""What a channel's payment file says: its rows, totals per commune and channel, a checksum.

One file per channel of approved lists (Decree 20/2021/NĐ-CP Art. 34: the list is handed to
the payment organisation). The rows are sorted by commune and line; totals per commune and
channel and a grand total follow; the file ends with a checksum line so that the receiver (the
post office, the bank, the wallet) can tell the file was not altered or cut.

Checksum (ADR 0020): SHA-256, hex, of the UTF-8 bytes of the canonical records, one per line
ending in ``"\\n"``: first ``"{month};{channel};{row count};{total VND}"``, then per row, in
file order, ``"{commune};{line id};{beneficiary id};{account or point};{amount VND}"``. The
file's formatting (BOM, separators, Excel styles) does not enter it, so the CSV and the Excel
file of the same list carry the same checksum.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

from payment.domain.months import Month

LEGAL_BASIS = "Decree 20/2021/NĐ-CP Art. 34"
CHECKSUM_ALGORITHM = "SHA-256"


@dataclass(frozen=True, slots=True)
class ExportRow:
    """One line of an approved list, with what the channel needs to pay it."""

    commune_code: str
    line_id: str
    beneficiary_id: str
    kind: str  # the line's kind (monthly, arrears, carried over, adjustment, funeral)
    amount: int  # VND
    channel_code: str
    point_code: str | None = None  # cash at a postal point
    account_number: str | None = None
    account_holder: str | None = None

    @property
    def destination(self) -> str:
        """Where the money goes: the account (or wallet) number, else the payment point."""
        return self.account_number or self.point_code or ""


@dataclass(frozen=True, slots=True)
class Total:
    commune_code: str | None  # None: the grand total of the file
    channel_code: str
    count: int
    amount: int


@dataclass(frozen=True, slots=True)
class ExportSheet:
    month: Month
    channel_code: str
    rows: tuple[ExportRow, ...]
    totals: tuple[Total, ...]  # per commune, then the grand total (last)
    checksum: str

    @property
    def grand_total(self) -> Total:
        return self.totals[-1]


def canonical_records(month: Month, channel_code: str, rows: Iterable[ExportRow]) -> str:
    """The text the checksum is computed over (see the module docstring)."""
    rows = tuple(rows)
    head = f"{month};{channel_code};{len(rows)};{sum(r.amount for r in rows)}\n"
    body = "".join(
        f"{r.commune_code};{r.line_id};{r.beneficiary_id};{r.destination};{r.amount}\n"
        for r in rows
    )
    return head + body


def checksum(month: Month, channel_code: str, rows: Iterable[ExportRow]) -> str:
    data = canonical_records(month, channel_code, rows).encode("utf-8")
    return hashlib.sha256(data).hexdigest()


def build_export(month: Month, channel_code: str, rows: Iterable[ExportRow]) -> ExportSheet:
    """The file of ``channel_code``: rows of that channel only, sorted, with their totals."""
    mine = sorted(
        (r for r in rows if r.channel_code == channel_code),
        key=lambda r: (r.commune_code, r.line_id),
    )
    per_commune: dict[str, list[int]] = {}
    for r in mine:
        total = per_commune.setdefault(r.commune_code, [0, 0])
        total[0] += 1
        total[1] += r.amount
    totals = [Total(c, channel_code, n, vnd) for c, (n, vnd) in sorted(per_commune.items())]
    totals.append(Total(None, channel_code, len(mine), sum(r.amount for r in mine)))
    return ExportSheet(
        month, channel_code, tuple(mine), tuple(totals), checksum(month, channel_code, mine)
    )
