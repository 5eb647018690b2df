"""Who recorded a change (người thực hiện): kept in the history for every change."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Actor:
    """The caller as the history remembers them (a snapshot of the principal)."""

    subject: str
    username: str
    unit_code: str | None = None
    on_behalf_of: str | None = None  # e.g. "citizen" when the person updates their own data

    @classmethod
    def system(cls, name: str) -> Actor:
        """An automatic actor (a saga step, an import job)."""
        return cls(subject=f"system:{name}", username=name)
