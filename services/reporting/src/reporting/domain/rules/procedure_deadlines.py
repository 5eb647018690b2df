"""When a dossier counts as received, resolved (on time or late) or ended without a result."""

from __future__ import annotations

from datetime import date

LEGAL_BASIS = (
    "Decree 61/2018/NĐ-CP Art. 17-19 and Decree 107/2021/NĐ-CP (one-stop processing: dossiers "
    "received, resolved before or after the appointed time, in progress; each step's time) and "
    "Circular 01/2018/TT-VPCP (statistics of the one-stop dossiers by procedure and channel)"
)

RECEIVE_ACTION = "receive"
RESOLVED_STATES = frozenset({"decided", "rejected"})
"""The decision is signed, or the refusal answered: the dossier is resolved."""
ENDED_STATES = frozenset({"not_received", "withdrawn"})
"""The dossier ends without a result (refused at the counter, withdrawn by the applicant)."""


def is_late(resolved_on: date, due_on: date | None) -> bool:
    """Resolved after the due date of the step that was running (no due date: on time)."""
    return due_on is not None and resolved_on > due_on
