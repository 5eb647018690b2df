"""Groups that require a poor (or near-poor) household: a mismatch is flagged, not cut.

Decree 20/2021/NĐ-CP Art. 5: 5.3 and 5.8 (HIV) and 5.5a and 5.5d (elderly) require a poor
household; 5.4 (single parent), 5.5b (75–80 in disadvantaged areas) and 5.7 (child under 3)
a poor or near-poor one. Leaving poverty is a loss of eligibility, but stopping the allowance
needs a decision (Art. 8; a registry change), so the payment service only flags the line for an
officer to review and keeps paying until the registry's stop arrives.
"""

from __future__ import annotations

from payment.domain.model import Membership, PovertyStatus

LEGAL_BASIS = "Decree 20/2021/NĐ-CP Art. 5"
_POOR = frozenset({PovertyStatus.POOR})
_POOR_OR_NEAR = frozenset({PovertyStatus.POOR, PovertyStatus.NEAR_POOR})
REQUIRED: dict[str, frozenset[PovertyStatus]] = {
    "5.3": _POOR, "5.8": _POOR, "5.5a": _POOR, "5.5d": _POOR,
    "5.4": _POOR_OR_NEAR, "5.5b": _POOR_OR_NEAR, "5.7": _POOR_OR_NEAR,
}  # fmt: skip
_LABELS = {PovertyStatus.POOR: "hộ nghèo", PovertyStatus.NEAR_POOR: "hộ cận nghèo"}


def poverty_finding(membership: Membership) -> str | None:
    """A Vietnamese review note when the recorded poverty status no longer fits the group
    (``None`` when it fits, or when the status is not known)."""
    required = REQUIRED.get(membership.group)
    status = membership.poverty
    if required is None or status is None or status in required:
        return None
    wanted = " hoặc ".join(_LABELS[s] for s in sorted(required, key=list(_LABELS).index))
    return (
        f"Diện {membership.group} yêu cầu {wanted} (Điều 5 Nghị định 20/2021/NĐ-CP) nhưng hộ "
        "hiện không thuộc diện này; cán bộ cần rà soát, việc thôi hưởng phải có quyết định."
    )
