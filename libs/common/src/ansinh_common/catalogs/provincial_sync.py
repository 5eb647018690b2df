"""Which way a province's one-stop system exchanges dossiers with the platform (a shared
catalog: the dossier service's provincial sync and the reporting service's sync-gap report
read the same file, ADR 0018 and ADR 0042).

A province is in one of three modes (configuration data, ``data/provincial_sync.json``):

* ``none``: no exchange; messages on its inbound topic are refused to the dead-letter topic;
* ``one_way``: the province sends its dossiers to the platform (inbound only);
* ``two_way``: inbound, and every status change goes back on its outbound topic, in the
  provincial vocabulary (``provincial_status``).

In 2024, 21 provinces were connected two-way and 39 one-way; which province had which mode is
not verified (``verified: false`` in the data), so the shipped assignment is a placeholder the
operator replaces.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from typing import Any

from ansinh_common.catalogs._resources import load_json

LEGAL_BASIS = (
    "Decree 61/2018/NĐ-CP; Decree 107/2021/NĐ-CP (one-stop mechanism, connection of the "
    "provincial one-stop systems)"
)


class SyncMode(StrEnum):
    NONE = "none"
    ONE_WAY = "one_way"  # province → platform
    TWO_WAY = "two_way"  # province ⇄ platform

    @property
    def accepts_inbound(self) -> bool:
        return self is not SyncMode.NONE

    @property
    def publishes_outbound(self) -> bool:
        return self is SyncMode.TWO_WAY


@dataclass(frozen=True, slots=True)
class SyncModes:
    """The configured mode of every province (``default`` for those not listed)."""

    default: SyncMode
    provinces: Mapping[str, SyncMode]
    source: str
    verified: bool

    def mode_of(self, province_code: str) -> SyncMode:
        return self.provinces.get(province_code, self.default)

    def accepts_inbound(self, province_code: str) -> bool:
        return self.mode_of(province_code).accepts_inbound

    def publishes_outbound(self, province_code: str) -> bool:
        return self.mode_of(province_code).publishes_outbound

    def provinces_in(self, mode: SyncMode) -> tuple[str, ...]:
        return tuple(sorted(p for p, m in self.provinces.items() if m is mode))


def parse_sync_modes(doc: Mapping[str, Any]) -> SyncModes:
    """Read the configuration; every problem named with its key (``provinces.01``)."""
    problems: list[str] = []

    def mode(raw: Any, path: str) -> SyncMode:
        try:
            return SyncMode(raw)
        except ValueError:
            problems.append(f"{path}: unknown sync mode {raw!r}")
            return SyncMode.NONE

    default = mode(doc.get("default_mode", "none"), "default_mode")
    provinces: dict[str, SyncMode] = {}
    for code, raw in dict(doc.get("provinces", {})).items():
        if not (isinstance(code, str) and len(code) == 2 and code.isdigit()):
            problems.append(f"provinces.{code}: a province code is two digits")
            continue
        provinces[code] = mode(raw, f"provinces.{code}")
    if problems:
        raise ValueError("provincial sync modes: " + "; ".join(problems))
    return SyncModes(default, provinces, str(doc.get("source", "")), bool(doc.get("verified")))


@cache
def shipped_sync_modes() -> SyncModes:
    return parse_sync_modes(load_json("provincial_sync.json"))
