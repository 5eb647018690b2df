"""A personal ID typed into a General-format cell: leading zeros lost, or a trailing ".0".

Excel stores ``001057012345`` typed in a General cell as the number 1057012345: the two
leading zeros are gone (every province code of birth registration starts with 0, so every
such ID loses one or two). Text copied from such a cell may read ``1057012345.0``. The zeros
are restored only when the result is unambiguous: the 12-digit number passes the
province-code check and its gender/century and birth-year digits agree with the row. Any
other case is rejected, saying which check failed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ansinh_common.catalogs import personal_id
from ansinh_common.catalogs.personal_id import Gender
from registry.domain.excel_import.cells import CellError

LEGAL_BASIS = personal_id.LEGAL_BASIS
INVALID = "số định danh cá nhân không hợp lệ (phải gồm 12 chữ số)"
_GENDER = {Gender.MALE: "nam", Gender.FEMALE: "nữ"}


@dataclass(frozen=True, slots=True)
class RecoveredId:
    number: str
    restored_zeros: int = 0  # leading zeros put back


def _digits(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    raw = str(value).strip()
    raw = re.sub(r"\.0+$", "", raw)  # "12345678901.0": a number shown as text
    return personal_id.normalize(raw)


def recover_personal_id(
    value: object, gender: Gender | None, birth_year: int | None
) -> RecoveredId:
    """The 12-digit (or legacy 9-digit) number; raises ``CellError`` saying why not."""
    number = _digits(value)
    if number.isdigit() and len(number) in (12, 9) and personal_id.decode(number).ok:
        return RecoveredId(number)
    if not number.isdigit() or len(number) not in (10, 11):
        raise CellError(INVALID)
    lost = 12 - len(number)
    full = number.zfill(12)
    decoded = personal_id.decode(full)
    why = f"có {len(number)} chữ số (mất {lost} số 0 ở đầu?) nhưng không thể khôi phục: "
    if not decoded.ok:
        raise CellError(why + f"mã tỉnh '{full[:3]}' không có trong danh mục")
    if gender is None or birth_year is None:
        raise CellError(why + "thiếu giới tính hoặc năm sinh để đối chiếu")
    if decoded.gender is not None and decoded.gender is not gender:
        raise CellError(
            why + f"chữ số giới tính chỉ {_GENDER[decoded.gender]}, dòng ghi {_GENDER[gender]}"
        )
    if decoded.birth_year != birth_year:
        raise CellError(why + f"số cho năm sinh {decoded.birth_year}, dòng ghi {birth_year}")
    return RecoveredId(full, lost)


def consistency_warnings(number: str, gender: Gender | None, birth_year: int | None) -> list[str]:
    """The ID's gender and birth-year digits against the row (shown before anything is
    applied; the record keeps the data-quality finding too)."""
    decoded = personal_id.decode(number)
    if not decoded.ok or decoded.gender is None:
        return []
    out = []
    if gender is not None and decoded.gender is not gender:
        out.append(
            f"chữ số giới tính của số định danh chỉ {_GENDER[decoded.gender]}, "
            f"dòng ghi {_GENDER[gender]}: cần kiểm tra"
        )
    if birth_year is not None and decoded.birth_year != birth_year:
        out.append(
            f"số định danh cho năm sinh {decoded.birth_year}, dòng ghi {birth_year}: cần kiểm tra"
        )
    return out
