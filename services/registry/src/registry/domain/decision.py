"""Decisions (quyết định): the legal act behind every benefit change."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ansinh_common.errors import FieldError


@dataclass(frozen=True, slots=True)
class Decision:
    """Number, signing date and signing unit of a decision.

    All three are required for a benefit change; a record loaded from the legacy database may
    hold a half-filled one, which the data-quality report shows.
    """

    number: str
    signed_on: date | None
    signing_unit_code: str

    def missing_parts(self, prefix: str = "decision") -> tuple[FieldError, ...]:
        """Field errors for blank parts."""
        errors = []
        if not self.number.strip():
            errors.append(FieldError(f"{prefix}.number", "Thiếu số quyết định.", "required"))
        if self.signed_on is None:
            errors.append(FieldError(f"{prefix}.signed_on", "Thiếu ngày quyết định.", "required"))
        if not self.signing_unit_code.strip():
            errors.append(
                FieldError(f"{prefix}.signing_unit_code", "Thiếu đơn vị ký quyết định.", "required")
            )
        return tuple(errors)
