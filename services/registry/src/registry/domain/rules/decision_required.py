"""No benefit change without a decision (number, date, signing unit).

Every change except an information change alters the benefit (start, stop, death, rate, move)
and so rests on a decision of the competent chair. The one exception is a record *loaded*
from the legacy database (``NewBeneficiary.imported``): it is not a change of benefit, the
decision was taken before, and a missing number or date there is a data-quality finding.
"""

from __future__ import annotations

from registry.domain.changes import AnyChange, ChangeKind, NewBeneficiary
from registry.domain.decision import Decision
from registry.domain.errors import MissingDecision

LEGAL_BASIS = (
    "Decree 20/2021/NĐ-CP Art. 8 (the district chair decides; allowance starts, changes and "
    "stops by decision); Circular 11/2019/TT-BLĐTBXH Art. 4.3 (the district office updates "
    "the record and tracks every change during appraisal and decision)"
)


def needs_decision(change: AnyChange) -> bool:
    if isinstance(change, NewBeneficiary) and change.imported:
        return False
    return change.kind.needs_decision


def require_change_decision(change: AnyChange) -> None:
    """Raise :class:`MissingDecision` if ``change`` needs a decision and lacks a complete one."""
    if needs_decision(change):
        require_decision(change.kind, change.decision)


def require_decision(kind: ChangeKind, decision: Decision | None) -> Decision | None:
    """The decision of a benefit change, or :class:`MissingDecision`; any for info changes."""
    if not kind.needs_decision:
        return decision
    if decision is None:
        raise MissingDecision(kind.label)
    errors = decision.missing_parts()
    if errors:
        raise MissingDecision(kind.label, errors)
    return decision
