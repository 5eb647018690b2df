"""Ethnicities (dân tộc): the 54 official groups with their two-digit codes, plus foreigners.

Source: Decision 121-TCTK/PPCĐ of 2 Mar 1979 of the General Statistics Office (danh mục các
thành phần dân tộc Việt Nam). Codes 01–11 checked against the decision as republished by the
Đà Nẵng statistics office; the order of 02–54 checked against the GSO tables of the 2019
Population and Housing Census, which list the groups in code order (… 52 Brâu, 53 Ơ Đu,
54 Rơ-măm). Names follow the 2019 census spelling; 1979 spellings are in ``other_names``.
Note: the 2008 GSO list (Decision 1019/QĐ-TCTK) renumbers some groups (04 Mường, 06 Hoa…);
this catalog keeps the 1979 codes (01 Kinh, 02 Tày, 03 Thái, 04 Hoa, ...) the platform uses.

Foreigners: code "55" (Người nước ngoài) — a convention of e-government ethnicity lists, not
part of Decision 121; not verified against the population database's own catalog.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

LEGAL_BASIS = "Decision 121-TCTK/PPCĐ (1979) of the General Statistics Office"
FOREIGNER_CODE = "55"
FOREIGNER_LEGAL_BASIS = (
    "Not in Decision 121-TCTK/PPCĐ: code 55 follows the 54 groups as in e-government "
    "ethnicity lists (unverified; see docs/catalogs.md)"
)


@dataclass(frozen=True, slots=True)
class Ethnicity:
    code: str
    name: str
    other_names: tuple[str, ...]
    legal_basis: str
    is_foreigner: bool = False


_GROUPS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("01", "Kinh", ("Việt",)),
    ("02", "Tày", ()),
    ("03", "Thái", ()),
    ("04", "Hoa", ("Hán",)),
    ("05", "Khơ-me", ("Khmer",)),
    ("06", "Mường", ()),
    ("07", "Nùng", ()),
    ("08", "Mông", ("HMông", "H'Mông", "Mèo")),
    ("09", "Dao", ()),
    ("10", "Gia-rai", ("Gia Rai", "Jrai")),
    ("11", "Ngái", ()),
    ("12", "Ê-đê", ("Ê Đê",)),
    ("13", "Ba-na", ("Ba Na", "Bahnar")),
    ("14", "Xơ-đăng", ("Xơ Đăng",)),
    ("15", "Sán Chay", ("Cao Lan-Sán Chỉ",)),
    ("16", "Cơ-ho", ("Cơ Ho",)),
    ("17", "Chăm", ("Chàm",)),
    ("18", "Sán Dìu", ()),
    ("19", "Hrê", ()),
    ("20", "Mnông", ("M'Nông",)),
    ("21", "Ra-glai", ("Raglay",)),
    ("22", "Xtiêng", ("Xtiêng",)),
    ("23", "Bru-Vân Kiều", ("Bru Vân Kiều",)),
    ("24", "Thổ", ()),
    ("25", "Giáy", ()),
    ("26", "Cơ-tu", ("Cơ Tu",)),
    ("27", "Gié-Triêng", ("Gié Triêng",)),
    ("28", "Mạ", ()),
    ("29", "Khơ-mú", ("Khơ Mú",)),
    ("30", "Co", ()),
    ("31", "Ta-ôi", ("Tà-ôi", "Tà Ôi")),
    ("32", "Chơ-ro", ("Chơ Ro",)),
    ("33", "Kháng", ()),
    ("34", "Xinh-mun", ("Xinh Mun",)),
    ("35", "Hà Nhì", ()),
    ("36", "Chu-ru", ("Chu Ru",)),
    ("37", "Lào", ()),
    ("38", "La Chi", ("La Chí",)),
    ("39", "La Ha", ()),
    ("40", "Phù Lá", ()),
    ("41", "La Hủ", ()),
    ("42", "Lự", ()),
    ("43", "Lô Lô", ()),
    ("44", "Chứt", ()),
    ("45", "Mảng", ()),
    ("46", "Pà Thẻn", ()),
    ("47", "Cơ Lao", ("Co Lao", "Cờ Lao")),
    ("48", "Cống", ()),
    ("49", "Bố Y", ()),
    ("50", "Si La", ()),
    ("51", "Pu Péo", ()),
    ("52", "Brâu", ()),
    ("53", "Ơ Đu", ("Ơ-đu",)),
    ("54", "Rơ-măm", ("Rơ Măm",)),
)


@cache
def _all() -> dict[str, Ethnicity]:
    out = {c: Ethnicity(c, n, o, LEGAL_BASIS) for c, n, o in _GROUPS}
    out[FOREIGNER_CODE] = Ethnicity(
        FOREIGNER_CODE, "Người nước ngoài", ("Foreigner",), FOREIGNER_LEGAL_BASIS, True
    )
    return out


def ethnicities(include_foreigner: bool = True) -> tuple[Ethnicity, ...]:
    """All groups in code order (the 54 groups, then the foreigner entry)."""
    return tuple(e for e in _all().values() if include_foreigner or not e.is_foreigner)


def find_ethnicity(code: str) -> Ethnicity | None:
    """The group with this two-digit code, or None (accepts "1" for "01")."""
    return _all().get(code.strip().zfill(2))


def get_ethnicity(code: str) -> Ethnicity:
    """The group with this code; raises ``KeyError``."""
    found = find_ethnicity(code)
    if found is None:
        raise KeyError(f"unknown ethnicity code {code!r}")
    return found
