"""Who acts on a review: subject, role kind, level and unit (the service maps the token)."""

from __future__ import annotations

from dataclasses import dataclass

from ansinh_common.authz import Kind, Level


@dataclass(frozen=True, slots=True)
class Actor:
    subject: str
    kind: Kind
    level: Level
    unit_code: str | None

    def is_(self, kind: Kind, level: Level, unit_code: str | None) -> bool:
        return self.kind is kind and self.level is level and self.unit_code == unit_code
