"""A small fake unit hierarchy in both catalog versions, independent of the real catalogs
(a ``UnitTree`` for the unit tests of the authorization rules here and in identity).

pre2025 (three levels)                      2025 (two levels)
VN ─ 01 ─ 001 ─ 00001, 00004                VN ─ 01 ─ 00004, 00008
   │    └ 002 ─ 00007                          └ 04 ─ 01000
   └ 02 ─ 026 ─ 00700
"""

from __future__ import annotations

from collections.abc import Sequence

PARENTS: dict[str, dict[str, str]] = {
    "pre2025": {
        "01": "VN",
        "02": "VN",
        "001": "01",
        "002": "01",
        "026": "02",
        "00001": "001",
        "00004": "001",
        "00007": "002",
        "00700": "026",
    },
    "2025": {
        "01": "VN",
        "04": "VN",
        "00004": "01",
        "00008": "01",
        "01000": "04",
    },
}


class FakeUnitTree:
    def __init__(self, parents: dict[str, dict[str, str]]) -> None:
        self.parents = parents
        self.calls = 0

    def ancestors(self, code: str, version: str) -> Sequence[str]:
        self.calls += 1
        table = self.parents[version]  # KeyError (a LookupError) for an unknown version
        if code == "VN":
            return ()
        if code not in table:
            raise KeyError(code)
        out = [table[code]]
        while out[-1] != "VN":
            out.append(table[out[-1]])
        return tuple(out)
