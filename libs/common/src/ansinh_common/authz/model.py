"""The vocabulary of authorization: actions, domains, resources and decisions."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from ansinh_common.authz.reasons import ReasonCode


class Action(StrEnum):
    """What a caller wants to do with a resource."""

    READ = "read"  # xem
    WRITE = "write"  # cập nhật
    DECIDE = "decide"  # phê duyệt, ra quyết định


class Domain(StrEnum):
    """The policy area a resource belongs to (the 2025 ministry split, see ADR 0006)."""

    SOCIAL_ASSISTANCE = "social_assistance"  # trợ giúp xã hội — Bộ Y tế (from 1 Mar 2025)
    POVERTY = "poverty"  # giảm nghèo — Bộ Nông nghiệp và Môi trường (from 1 Mar 2025)


class Relation(StrEnum):
    """Where a resource's unit lies as seen from the principal's unit (same catalog version)."""

    SAME = "same"  # the principal's own unit
    BELOW = "below"  # a descendant: child, grandchild, ...
    ABOVE = "above"  # an ancestor: parent, grandparent, ...
    OTHER = "other"  # neither: a sibling, another province, ...


@dataclass(frozen=True, slots=True)
class Resource:
    """What is being accessed, described by the facts authorization needs.

    ``unit_code`` is the administrative unit the record belongs to, in catalog
    ``catalog_version`` (the principal's unit is read in the same version; a service holding
    pre-2025 records maps them to the 2025 unit first, see ADR 0006). ``owner_national_id`` is
    set for citizen-owned records and dossiers; ``domain`` for records of one ministry's area.
    """

    unit_code: str
    catalog_version: str
    owner_national_id: str | None = None
    domain: Domain | None = None


@dataclass(frozen=True, slots=True)
class Decision:
    """The outcome of a check: allowed or not, a machine code and a Vietnamese reason."""

    allowed: bool
    code: ReasonCode
    reason: str
    role: str | None = None  # the role that granted, or whose refusal is reported

    def __bool__(self) -> bool:
        return self.allowed
