"""Personal identification number (số định danh cá nhân, printed on the CCCD): check, decode, make.

Structure (Decree 137/2015/NĐ-CP Art. 13, kept by Decree 70/2024/NĐ-CP Art. 12; code tables in
Circular 07/2016/TT-BCA Art. 7, replaced by Circular 59/2021/TT-BCA Art. 7, with the annex list
of province codes of birth registration):

* 12 digits: ``PPP G YY NNNNNN``
* ``PPP`` — code of the province (63-province list) where the birth was registered
  (001 Hà Nội … 096 Cà Mau); the code is the GSO province code with a leading 0;
* ``G`` — century and gender: 0/1 male/female born 1900–1999, 2/3 born 2000–2099,
  4/5 2100–2199, 6/7 2200–2299, 8/9 2300–2399;
* ``YY`` — last two digits of the birth year;
* ``NNNNNN`` — a random serial.

The old 9-digit identity card number (CMND) is recognised as legacy and not decoded.
Nothing here raises on bad data: results carry ``errors`` (wrong format) and
``check_consistency`` returns findings (mismatches to show, not to drop the record).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum

LEGAL_BASIS = (
    "Decree 137/2015/NĐ-CP Art. 13 (Decree 70/2024/NĐ-CP Art. 12); "
    "Circular 07/2016/TT-BCA Art. 7 and annex (replaced by Circular 59/2021/TT-BCA Art. 7)"
)

# Province codes of birth registration (Circular 07/2016/TT-BCA annex; 63 provinces).
BIRTH_PROVINCE_CODES: dict[str, str] = {
    "001": "Hà Nội", "002": "Hà Giang", "004": "Cao Bằng", "006": "Bắc Kạn",
    "008": "Tuyên Quang", "010": "Lào Cai", "011": "Điện Biên", "012": "Lai Châu",
    "014": "Sơn La", "015": "Yên Bái", "017": "Hòa Bình", "019": "Thái Nguyên",
    "020": "Lạng Sơn", "022": "Quảng Ninh", "024": "Bắc Giang", "025": "Phú Thọ",
    "026": "Vĩnh Phúc", "027": "Bắc Ninh", "030": "Hải Dương", "031": "Hải Phòng",
    "033": "Hưng Yên", "034": "Thái Bình", "035": "Hà Nam", "036": "Nam Định",
    "037": "Ninh Bình", "038": "Thanh Hóa", "040": "Nghệ An", "042": "Hà Tĩnh",
    "044": "Quảng Bình", "045": "Quảng Trị", "046": "Thừa Thiên Huế", "048": "Đà Nẵng",
    "049": "Quảng Nam", "051": "Quảng Ngãi", "052": "Bình Định", "054": "Phú Yên",
    "056": "Khánh Hòa", "058": "Ninh Thuận", "060": "Bình Thuận", "062": "Kon Tum",
    "064": "Gia Lai", "066": "Đắk Lắk", "067": "Đắk Nông", "068": "Lâm Đồng",
    "070": "Bình Phước", "072": "Tây Ninh", "074": "Bình Dương", "075": "Đồng Nai",
    "077": "Bà Rịa - Vũng Tàu", "079": "Hồ Chí Minh", "080": "Long An", "082": "Tiền Giang",
    "083": "Bến Tre", "084": "Trà Vinh", "086": "Vĩnh Long", "087": "Đồng Tháp",
    "089": "An Giang", "091": "Kiên Giang", "092": "Cần Thơ", "093": "Hậu Giang",
    "094": "Sóc Trăng", "095": "Bạc Liêu", "096": "Cà Mau",
}  # fmt: skip

_FIRST_CENTURY = 1900  # digit 0/1
_LAST_CENTURY = 2300  # digit 8/9


class Gender(StrEnum):
    MALE = "male"
    FEMALE = "female"


class IdKind(StrEnum):
    PERSONAL_ID = "personal_id"  # 12-digit số định danh cá nhân / CCCD
    LEGACY_CMND = "legacy_cmnd"  # 9-digit chứng minh nhân dân
    INVALID = "invalid"


@dataclass(frozen=True, slots=True)
class DecodedId:
    """Outcome of ``decode``; ``errors`` is empty when the number is well formed."""

    raw: str
    kind: IdKind
    number: str | None = None
    province_code: str | None = None
    province_name: str | None = None
    gender: Gender | None = None
    century: int | None = None  # first year of the century, e.g. 1900
    birth_year: int | None = None
    serial: str | None = None
    errors: tuple[str, ...] = field(default_factory=tuple)

    @property
    def ok(self) -> bool:
        return not self.errors and self.kind is not IdKind.INVALID


@dataclass(frozen=True, slots=True)
class Finding:
    code: str  # "format", "legacy", "gender_mismatch", "birth_year_mismatch"
    message: str


def normalize(raw: str) -> str:
    """Strip spaces, dots and dashes people type into the number."""
    return re.sub(r"[\s.\-]", "", raw or "")


def decode(raw: str) -> DecodedId:
    """Decode a personal ID number; never raises."""
    num = normalize(raw)
    if re.fullmatch(r"\d{9}", num):
        return DecodedId(raw, IdKind.LEGACY_CMND, number=num)
    if not re.fullmatch(r"\d{12}", num):
        return DecodedId(raw, IdKind.INVALID, errors=("must be 12 digits (or 9 for a CMND)",))
    errors: list[str] = []
    prov = num[:3]
    prov_name = BIRTH_PROVINCE_CODES.get(prov)
    if prov_name is None:
        errors.append(f"unknown province code of birth registration {prov!r}")
    g = int(num[3])
    century = _FIRST_CENTURY + 100 * (g // 2)
    gender = Gender.MALE if g % 2 == 0 else Gender.FEMALE
    birth_year = century + int(num[4:6])
    return DecodedId(
        raw, IdKind.PERSONAL_ID, number=num, province_code=prov, province_name=prov_name,
        gender=gender, century=century, birth_year=birth_year, serial=num[6:],
        errors=tuple(errors),
    )  # fmt: skip


def is_valid(raw: str) -> bool:
    """True for a well-formed 12-digit personal ID number."""
    return decode(raw).ok and decode(raw).kind is IdKind.PERSONAL_ID


def check_consistency(
    raw: str, gender: Gender | str | None = None, birth_year: int | None = None
) -> tuple[Finding, ...]:
    """Data-quality findings for an ID number against the recorded gender and birth year."""
    d = decode(raw)
    if d.kind is IdKind.INVALID:
        return tuple(Finding("format", e) for e in d.errors)
    if d.kind is IdKind.LEGACY_CMND:
        return (Finding("legacy", "9-digit CMND: replace with the 12-digit personal ID"),)
    out = [Finding("format", e) for e in d.errors]
    if gender is not None and d.gender is not Gender(gender):
        out.append(Finding("gender_mismatch", f"ID says {d.gender}, record says {gender}"))
    if birth_year is not None and d.birth_year != birth_year:
        out.append(
            Finding("birth_year_mismatch", f"ID says {d.birth_year}, record says {birth_year}")
        )
    return tuple(out)


def make_personal_id(
    province_code: str, gender: Gender | str, birth_year: int, serial: int | str
) -> str:
    """Build a 12-digit personal ID number (for synthetic data and tests).

    ``province_code`` is the 3-digit birth-registration code ("001") or the 2-digit GSO
    pre-2025 province code ("01"); raises ``ValueError`` on impossible input.
    """
    prov = province_code if len(province_code) == 3 else "0" + province_code
    if prov not in BIRTH_PROVINCE_CODES:
        raise ValueError(f"unknown province code of birth registration {province_code!r}")
    if not _FIRST_CENTURY <= birth_year < _LAST_CENTURY + 100:
        raise ValueError(f"birth year {birth_year} outside 1900–2399")
    g = 2 * ((birth_year - _FIRST_CENTURY) // 100) + (0 if Gender(gender) is Gender.MALE else 1)
    s = int(serial)
    if not 0 <= s <= 999_999:
        raise ValueError("serial must be 0–999999")
    return f"{prov}{g}{birth_year % 100:02d}{s:06d}"
