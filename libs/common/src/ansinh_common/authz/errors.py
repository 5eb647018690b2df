"""The error raised when a check refuses: a ``PermissionDenied`` carrying its decision."""

from __future__ import annotations

from collections.abc import Sequence

from ansinh_common.authz.model import Decision
from ansinh_common.errors import FieldError, PermissionDenied


class AccessDenied(PermissionDenied):
    """``PermissionDenied`` (403) whose detail is the decision's Vietnamese reason.

    ``decision.code`` is kept for logs and audit; on the wire it is a plain
    ``permission_denied`` problem.
    """

    def __init__(self, decision: Decision, *, errors: Sequence[FieldError] = ()) -> None:
        super().__init__(decision.reason, errors=errors)
        self.decision = decision


def raise_if_refused(decision: Decision, *, errors: Sequence[FieldError] = ()) -> Decision:
    """Return ``decision`` if it allows; raise ``AccessDenied`` otherwise."""
    if not decision.allowed:
        raise AccessDenied(decision, errors=errors)
    return decision
