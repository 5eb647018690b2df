"""Reading the cells of one row, collecting every error instead of stopping at the first."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TypeVar

from ansinh_templates.beneficiary_spec import COLUMN_BY_KEY
from registry.domain.excel_import.cells import CellError, is_blank

T = TypeVar("T")
REQUIRED = "bắt buộc nhập"


@dataclass(frozen=True, slots=True)
class CellIssue:
    column: str | None
    header: str | None
    message: str


class RowReader:
    def __init__(self, row: Mapping[str, object]) -> None:
        self.row = row
        self.errors: list[CellIssue] = []
        self.warnings: list[CellIssue] = []  # shown in the dry run; the row is still valid

    def get(
        self, key: str, parse: Callable[[object], T], *, required: bool | None = None
    ) -> T | None:
        """The parsed cell, or ``None`` (blank, or an error was recorded). ``required``
        defaults to the template's flag for the column."""
        raw = self.row.get(key)
        if is_blank(raw):
            if COLUMN_BY_KEY[key].required if required is None else required:
                self.fail(key, REQUIRED)
            return None
        try:
            return parse(raw)
        except CellError as exc:
            self.fail(key, str(exc))
            return None

    def fail(self, key: str | None, message: str) -> None:
        header = COLUMN_BY_KEY[key].header if key is not None else None
        self.errors.append(CellIssue(key, header, message))

    def warn(self, key: str | None, message: str) -> None:
        header = COLUMN_BY_KEY[key].header if key is not None else None
        self.warnings.append(CellIssue(key, header, message))

    def has_error(self, key: str) -> bool:
        return any(e.column == key for e in self.errors)
