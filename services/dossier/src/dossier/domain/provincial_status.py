"""The provincial status vocabulary (TrangThaiHoSo 1–10) and the mapping from our stages.

Both are data (``data/provincial_status.json``): a province's system speaks this vocabulary
on its outbound topic. Every stage must map to a known status (checked on load).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from dossier.domain.stages import Action, Stage


@dataclass(frozen=True, slots=True)
class ProvincialStatus:
    code: int
    label: str


@dataclass(frozen=True, slots=True)
class StatusMapping:
    statuses: Mapping[int, str]
    by_stage: Mapping[Stage, int]
    by_action: Mapping[Action, int]
    legal_basis: str

    def status(self, stage: Stage, action: Action | None = None) -> ProvincialStatus:
        """The provincial status for a stage, or for the transition made by ``action``."""
        code = self.by_action.get(action, self.by_stage[stage]) if action else self.by_stage[stage]
        return ProvincialStatus(code, self.statuses[code])


def parse_mapping(doc: Mapping[str, Any]) -> StatusMapping:
    statuses = {int(k): str(v) for k, v in doc["statuses"].items()}
    by_stage = {Stage(k): int(v) for k, v in doc["by_stage"].items()}
    by_action = {Action(k): int(v) for k, v in doc.get("by_action", {}).items()}
    missing = [s.value for s in Stage if s not in by_stage]
    unknown = sorted({c for c in (*by_stage.values(), *by_action.values()) if c not in statuses})
    if missing or unknown:
        raise ValueError(
            f"status mapping: stages without status {missing}, unknown codes {unknown}"
        )
    return StatusMapping(statuses, by_stage, by_action, str(doc.get("legal_basis", "")))


@cache
def shipped_mapping() -> StatusMapping:
    raw = resources.files("dossier.domain").joinpath("data", "provincial_status.json")
    return parse_mapping(json.loads(raw.read_text(encoding="utf-8")))
