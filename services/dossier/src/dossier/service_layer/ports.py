"""What the dossier use cases need from outside, as protocols."""

from __future__ import annotations

from typing import Protocol

from dossier.domain.procedures.model import Procedure
from dossier.domain.provincial_inbound import InboundDossier

# --- provincial sync (ADR 0018) ---


class ProvincialIntake(Protocol):
    """Creates the dossier of a provincial dossier once per provincial dossier code: the id
    of the dossier, and whether this call created it."""

    def receive_from_province(
        self, dossier: InboundDossier, procedure: Procedure
    ) -> tuple[str, bool]: ...
