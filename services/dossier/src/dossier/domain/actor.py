"""Who acts on a dossier, for the checks and the audit trail (who, when, what, from where)."""

from __future__ import annotations

from dataclasses import dataclass

from ansinh_common.auth.principal import Principal
from ansinh_common.authz import Kind, Level
from ansinh_common.authz.roles import role_specs


@dataclass(frozen=True, slots=True)
class Actor:
    """The authenticated caller and where the request came from (IP address, counter, ...)."""

    principal: Principal
    origin: str = ""

    @property
    def subject(self) -> str:
        return self.principal.subject

    @property
    def unit_code(self) -> str | None:
        return self.principal.unit_code

    @property
    def national_id(self) -> str | None:
        return self.principal.national_id

    def holds(self, kinds: frozenset[Kind], level: Level) -> bool:
        """True if one of the actor's roles is of one of ``kinds`` at ``level``."""
        return any(s.kind in kinds and s.level is level for s in role_specs(self.principal.roles))

    @property
    def is_citizen(self) -> bool:
        return any(s.kind is Kind.CITIZEN for s in role_specs(self.principal.roles))

    @property
    def is_official(self) -> bool:
        official = (Kind.OFFICER, Kind.LEADER)
        return any(s.kind in official for s in role_specs(self.principal.roles))
