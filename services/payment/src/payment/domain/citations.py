"""Vietnamese legal citations and condition labels for display.

The rules keep their ``LEGAL_BASIS`` in English (code is English); what an officer or a citizen
reads is the Vietnamese citation ("Nghị định 20/2021/NĐ-CP, Điều 6, khoản 1, điểm a"). This is
the one mapping from one to the other, used at the edge (the gRPC answers). A basis joins
citations with "; " (arrears: the month's basis then Art. 8); a province's own level is
"Nghị quyết <số> (<basis>)", whose resolution is Vietnamese already. A unit test checks that
every ``LEGAL_BASIS`` of the payment domain and every basis of the catalogs it reads has its
citation here, and that every condition of the catalog has its label.
"""

from __future__ import annotations

import re

_D20 = "Nghị định 20/2021/NĐ-CP"
_D76 = "Nghị định 76/2024/NĐ-CP"
_C02 = "Thông tư 02/2021/TT-BLĐTBXH"

CITATIONS: dict[str, str] = {
    "Decree 20/2021/NĐ-CP Art. 4": f"{_D20}, Điều 4",
    "Decree 20/2021/NĐ-CP Art. 4.1 (in force 1 Jul 2021)":
        f"{_D20}, Điều 4, khoản 1 (hiệu lực từ 01/07/2021)",
    "Decree 20/2021/NĐ-CP Art. 4.2": f"{_D20}, Điều 4, khoản 2",
    "Decree 20/2021/NĐ-CP Art. 5": f"{_D20}, Điều 5",
    "Decree 20/2021/NĐ-CP Art. 5, Art. 6.1": f"{_D20}, Điều 5 và Điều 6, khoản 1",
    "Decree 20/2021/NĐ-CP Art. 5.1": f"{_D20}, Điều 5, khoản 1",
    "Decree 20/2021/NĐ-CP Art. 5.1, Art. 5.2, Art. 8":
        f"{_D20}, Điều 5, khoản 1, khoản 2 và Điều 8",
    "Decree 20/2021/NĐ-CP Art. 5.2": f"{_D20}, Điều 5, khoản 2",
    "Decree 20/2021/NĐ-CP Art. 5.3": f"{_D20}, Điều 5, khoản 3",
    "Decree 20/2021/NĐ-CP Art. 5.4": f"{_D20}, Điều 5, khoản 4",
    "Decree 20/2021/NĐ-CP Art. 5.5.a": f"{_D20}, Điều 5, khoản 5, điểm a",
    "Decree 20/2021/NĐ-CP Art. 5.5.b": f"{_D20}, Điều 5, khoản 5, điểm b",
    "Decree 20/2021/NĐ-CP Art. 5.5.c": f"{_D20}, Điều 5, khoản 5, điểm c",
    "Decree 20/2021/NĐ-CP Art. 5.5.d": f"{_D20}, Điều 5, khoản 5, điểm d",
    "Decree 20/2021/NĐ-CP Art. 5.6": f"{_D20}, Điều 5, khoản 6",
    "Decree 20/2021/NĐ-CP Art. 5.7": f"{_D20}, Điều 5, khoản 7",
    "Decree 20/2021/NĐ-CP Art. 5.8": f"{_D20}, Điều 5, khoản 8",
    "Decree 20/2021/NĐ-CP Art. 6.1.a": f"{_D20}, Điều 6, khoản 1, điểm a",
    "Decree 20/2021/NĐ-CP Art. 6.1.b": f"{_D20}, Điều 6, khoản 1, điểm b",
    "Decree 20/2021/NĐ-CP Art. 6.1.c": f"{_D20}, Điều 6, khoản 1, điểm c",
    "Decree 20/2021/NĐ-CP Art. 6.1.d": f"{_D20}, Điều 6, khoản 1, điểm d",
    "Decree 20/2021/NĐ-CP Art. 6.1.đ": f"{_D20}, Điều 6, khoản 1, điểm đ",
    "Decree 20/2021/NĐ-CP Art. 6.1.e": f"{_D20}, Điều 6, khoản 1, điểm e",
    "Decree 20/2021/NĐ-CP Art. 6.1.g": f"{_D20}, Điều 6, khoản 1, điểm g",
    "Decree 20/2021/NĐ-CP Art. 6.1.h": f"{_D20}, Điều 6, khoản 1, điểm h",
    "Decree 20/2021/NĐ-CP Art. 6.2": f"{_D20}, Điều 6, khoản 2",
    "Decree 20/2021/NĐ-CP Art. 8": f"{_D20}, Điều 8",
    "Decree 20/2021/NĐ-CP Art. 8 (months owed)": f"{_D20}, Điều 8 (thời điểm được hưởng)",
    "Decree 20/2021/NĐ-CP Art. 11.2": f"{_D20}, Điều 11, khoản 2",
    "Decree 20/2021/NĐ-CP Art. 20": f"{_D20}, Điều 20",
    "Decree 20/2021/NĐ-CP Art. 25": f"{_D20}, Điều 25",
    "Decree 20/2021/NĐ-CP Art. 34": f"{_D20}, Điều 34",
    "Decree 76/2024/NĐ-CP Art. 1": f"{_D76}, Điều 1",
    "Decree 76/2024/NĐ-CP Art. 1.2": f"{_D76}, Điều 1, khoản 2",
    "Decree 76/2024/NĐ-CP Art. 1.1 (amending Decree 20/2021 Art. 4.1); applies from 1 Jul 2024, "
    "Art. 2": f"{_D76}, Điều 1, khoản 1 (sửa đổi khoản 1 Điều 4 {_D20}); áp dụng từ "
    "01/07/2024, Điều 2",
    "Circular 02/2021/TT-BLĐTBXH": _C02,
    "Circular 02/2021/TT-BLĐTBXH Art. 2 (records carried over from the previous management) — "
    "verify": f"{_C02}, Điều 2 (đối tượng chuyển từ quản lý trước đây)",
    "Circular 02/2021/TT-BLĐTBXH Art. 2.3": f"{_C02}, Điều 2, khoản 3",
    "Circular 11/2019/TT-BLĐTBXH Art. 4": "Thông tư 11/2019/TT-BLĐTBXH, Điều 4",
    "Decision 06/QĐ-TTg (2022)": "Quyết định 06/QĐ-TTg năm 2022",
}  # fmt: skip

# Vietnamese already: a province's resolution recorded by an officer, a citation written here
_VIETNAMESE = ("Nghị quyết", "Nghị định", "Thông tư", "Quyết định", "Luật")
_WRAPPED = re.compile(r"^(?P<head>.+?) \((?P<inner>.+)\)$")
_KEYS = sorted(CITATIONS, key=len, reverse=True)  # longest first: some contain "; "


def _fragments(basis: str) -> list[str]:
    """``basis`` cut into citations: known ones whole (even with a "; " inside), others at "; "."""
    found: list[str] = []
    rest = basis.strip()
    while rest:
        key = next((k for k in _KEYS if rest == k or rest.startswith(k + "; ")), None)
        piece = key if key is not None else rest.split("; ", 1)[0]
        found.append(piece)
        rest = rest[len(piece) :].removeprefix("; ").strip()
    return found


def _citation(fragment: str) -> str | None:
    if fragment in CITATIONS:
        return CITATIONS[fragment]
    wrapped = _WRAPPED.match(fragment)
    if wrapped and wrapped["head"].startswith(_VIETNAMESE):
        inner = [_citation(f) for f in _fragments(wrapped["inner"])]
        if all(inner):
            return f"{wrapped['head']} ({'; '.join(c for c in inner if c)})"
    return fragment if fragment.startswith(_VIETNAMESE) and "(" not in fragment else None


def untranslated(basis: str) -> list[str]:
    """The citations of ``basis`` with no Vietnamese citation here (the unit test's check)."""
    return [f for f in _fragments(basis) if _citation(f) is None]


def vietnamese_basis(basis: str) -> str:
    """``basis`` as users read it; a citation not known here is shown as it was written."""
    return "; ".join(_citation(f) or f for f in _fragments(basis))


CONDITION_LABELS: dict[str, str] = {
    "default": "",
    "under_4": "Dưới 4 tuổi",
    "from_4": "Từ đủ 4 tuổi",
    "per_child": "Theo số con đang nuôi",
    "age_60_to_80": "Từ đủ 60 tuổi đến dưới 80 tuổi",
    "from_80": "Từ đủ 80 tuổi",
    "especially_severe": "Khuyết tật đặc biệt nặng",
    "especially_severe_child_or_elderly": "Khuyết tật đặc biệt nặng, là trẻ em hoặc người cao tuổi",
    "severe": "Khuyết tật nặng",
    "severe_child_or_elderly": "Khuyết tật nặng, là trẻ em hoặc người cao tuổi",
    "child_under_4": "Nhận nuôi trẻ em dưới 4 tuổi",
    "child_4_to_16": "Nhận nuôi trẻ em từ đủ 4 tuổi đến dưới 16 tuổi",
    "elderly_5_5d": "Nhận chăm sóc người cao tuổi (diện 5.5d)",
    "pregnant_or_one_child": "Đang mang thai hoặc nuôi một con dưới 36 tháng tuổi",
    "pregnant_and_one_child_or_two_plus":
        "Đang mang thai và nuôi một con, hoặc nuôi từ hai con trở lên dưới 36 tháng tuổi",
    "adult": "Nhận nuôi người khuyết tật đặc biệt nặng là người lớn",
    "child": "Nhận nuôi trẻ em khuyết tật đặc biệt nặng",
}  # fmt: skip


def condition_label(code: str | None) -> str:
    """The Vietnamese label of a catalog condition ("" for none or "default"); an unknown code
    is shown as it is (the unit test keeps the mapping complete)."""
    if not code:
        return ""
    return CONDITION_LABELS.get(code, code)
