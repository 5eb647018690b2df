"""The one-stop dossier code ``<agency code>-YYMMDD-XXXX`` (mã hồ sơ).

Receiving agency's code, date received (YYMMDD), and a sequence of four digits per agency and
day (Circular 01/2018/TT-VPCP Art. 19, verify that it is still current under Decree 118/2025).
The sequence is allocated by the database (unique under concurrent submissions); this module
formats and parses.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ansinh_common.errors import FieldError
from dossier.domain.errors import InvalidDossierCode

LEGAL_BASIS = "Circular 01/2018/TT-VPCP Art. 19 (verify under Decree 118/2025/NĐ-CP)"
MAX_SEQUENCE = 9999
_AGENCY = re.compile(r"[A-Z0-9](?:[A-Z0-9.]{0,38}[A-Z0-9])?")
_CODE = re.compile(r"(?P<agency>.+)-(?P<date>\d{6})-(?P<seq>\d{4})")


def _invalid(raw: str, why: str) -> InvalidDossierCode:
    return InvalidDossierCode(
        f"Mã hồ sơ {raw!r} không đúng dạng <mã cơ quan>-YYMMDD-XXXX: {why}",
        errors=[FieldError("dossier_code", why, "invalid_format")],
    )


@dataclass(frozen=True, slots=True, order=True)
class DossierCode:
    agency_code: str
    received_on: dt.date
    sequence: int

    def __post_init__(self) -> None:
        if not _AGENCY.fullmatch(self.agency_code):
            raise _invalid(self.agency_code, "mã cơ quan chỉ gồm chữ in hoa, chữ số và dấu chấm.")
        if not 1 <= self.sequence <= MAX_SEQUENCE:
            raise _invalid(
                str(self.sequence), f"số thứ tự trong ngày phải từ 1 đến {MAX_SEQUENCE}."
            )
        if not 2000 <= self.received_on.year <= 2099:
            raise _invalid(str(self.received_on), "năm tiếp nhận phải từ 2000 đến 2099.")

    def __str__(self) -> str:
        return f"{self.agency_code}-{self.received_on:%y%m%d}-{self.sequence:04d}"

    @classmethod
    def parse(cls, raw: str) -> DossierCode:
        match = _CODE.fullmatch(raw.strip()) if isinstance(raw, str) else None
        if match is None:
            raise _invalid(str(raw), "sai cấu trúc.")
        digits = match["date"]
        try:
            day = dt.date(2000 + int(digits[:2]), int(digits[2:4]), int(digits[4:]))
        except ValueError:
            raise _invalid(raw, f"ngày {digits} không tồn tại.") from None
        return cls(match["agency"], day, int(match["seq"]))
