"""Assistance categories (diện đối tượng) as a record refers to them.

The codes, conditions and coefficients are the shared catalog's
(``ansinh_common.catalogs.assistance_categories``, Decree 20/2021/NĐ-CP Art. 5, 6.1, 20, 25).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

LEGAL_BASIS = "Decree 20/2021/NĐ-CP Art. 5 (groups), Art. 6.1 (coefficients)"
SINGLE_PARENT = "5.4"
DISABILITY = "5.6"
_CLAUSE = re.compile(r"^(\d+\.\d+)([a-zđ]?)$")


@dataclass(frozen=True, slots=True)
class CategoryRef:
    """A category (``"5.1"`` … ``"5.8"``, ``"5.5a"`` … ``"5.5d"``, ``"25.1"``), the catalog
    condition that sets its coefficient (``"under_4"``, ``"severe"``, ``"default"`` …) and, for
    the single-parent group 5.4 paid per child, the number of children raised."""

    code: str
    condition: str = "default"
    children: int | None = None

    @property
    def clause(self) -> str:
        """Clause of the article: ``"5.5"`` for ``"5.5b"``."""
        match = _CLAUSE.match(self.code)
        return match.group(1) if match else self.code

    @property
    def point(self) -> str | None:
        """Point letter within the clause: ``"b"`` for ``"5.5b"``."""
        match = _CLAUSE.match(self.code)
        return (match.group(2) or None) if match else None

    def is_disability(self) -> bool:
        return self.code == DISABILITY

    def is_single_parent(self) -> bool:
        return self.code == SINGLE_PARENT
