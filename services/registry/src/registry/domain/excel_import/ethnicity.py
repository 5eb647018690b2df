"""The "Dân tộc" cell: the catalog's names, their known variants, and a suggestion otherwise.

Field lists write ethnicities without diacritics ("Tay", "Hmong"), with a typographic
apostrophe ("H’Mông") or with other spacing/hyphens ("Gia Rai"). A name that matches a single
catalog entry once case, diacritics, apostrophes, hyphens and spaces are ignored is taken,
with a warning naming the catalog entry; two entries that fold alike are not guessed. Anything
else is refused with the closest catalog names as a suggestion.

Source: ethnic group list of Decision 121-TCTK/PPCĐ (1979), as ``ansinh_common.catalogs.
ethnicities`` (code list of the General Statistics Office).
"""

from __future__ import annotations

import difflib
import unicodedata
from dataclasses import dataclass
from functools import cache

from ansinh_common.catalogs import ethnicities
from registry.domain.excel_import.cells import CellError, norm

LEGAL_BASIS = "Decision 121-TCTK/PPCĐ (1979): list of ethnic groups of Viet Nam"
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'", "´": "'"})


def _exact(text: str) -> str:
    return norm(text.translate(_APOSTROPHES))


def fold(text: str) -> str:
    """No case, diacritics (đ → d), apostrophes, hyphens or spaces."""
    text = text.replace("đ", "d").replace("Đ", "D")
    bare = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return "".join(c for c in bare.casefold() if c.isalnum())


@dataclass(frozen=True, slots=True)
class EthnicityMatch:
    code: str
    warning: str | None = None


@cache
def _tables() -> tuple[dict[str, str], dict[str, set[str]], dict[str, str]]:
    exact: dict[str, str] = {}
    folded: dict[str, set[str]] = {}
    names: dict[str, str] = {}
    for e in ethnicities.ethnicities():
        names[e.code] = e.name
        for name in (e.name, *e.other_names, e.code):
            exact[_exact(name)] = e.code
            folded.setdefault(fold(name), set()).add(e.code)
    return exact, folded, names


@cache
def match_ethnicity(value: str) -> EthnicityMatch:
    exact, folded, names = _tables()
    code = exact.get(_exact(value))
    if code is not None:
        return EthnicityMatch(code)
    codes = folded.get(fold(value), set())
    if len(codes) == 1:
        (code,) = codes
        return EthnicityMatch(code, f"'{value.strip()}' được hiểu là dân tộc '{names[code]}'")
    close = difflib.get_close_matches(fold(value), list(folded), n=3, cutoff=0.6)
    suggested = list(dict.fromkeys(names[c] for key in close for c in sorted(folded[key])))
    hint = f"; có phải: {', '.join(repr(s) for s in suggested)}?" if suggested else ""
    raise CellError(f"dân tộc không có trong danh mục{hint}")
