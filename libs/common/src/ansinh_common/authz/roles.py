"""Keycloak realm roles, administrative levels and how a unit code tells its level."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from ansinh_common.authz.model import Domain

ROOT_UNIT = "VN"  # the ministry's unit code, root of every catalog version


class Level(StrEnum):
    MINISTRY = "ministry"
    PROVINCE = "province"
    DISTRICT = "district"
    COMMUNE = "commune"


class Kind(StrEnum):
    """What a role is for; the policy tables are written per kind (see ``tables``)."""

    CITIZEN = "citizen"
    OFFICER = "officer"
    LEADER = "leader"
    ADMIN = "admin"


class Role(StrEnum):
    """Realm roles of the ``ansinh`` Keycloak realm, most privileged first."""

    MINISTRY_LEADER = "ministry_leader"
    PROVINCE_LEADER = "province_leader"
    DISTRICT_LEADER = "district_leader"
    COMMUNE_LEADER = "commune_leader"
    MINISTRY_OFFICER = "ministry_officer"
    PROVINCE_OFFICER = "province_officer"
    DISTRICT_OFFICER = "district_officer"
    COMMUNE_OFFICER = "commune_officer"
    SYSTEM_ADMIN = "system_admin"
    CITIZEN = "citizen"


@dataclass(frozen=True, slots=True)
class RoleSpec:
    role: Role
    kind: Kind
    level: Level | None  # None: any level (system_admin) or none (citizen)
    label: str  # Vietnamese


ROLE_SPECS: Mapping[Role, RoleSpec] = {
    s.role: s
    for s in (
        RoleSpec(Role.MINISTRY_LEADER, Kind.LEADER, Level.MINISTRY, "Lãnh đạo cấp Bộ"),
        RoleSpec(Role.PROVINCE_LEADER, Kind.LEADER, Level.PROVINCE, "Lãnh đạo cấp tỉnh"),
        RoleSpec(Role.DISTRICT_LEADER, Kind.LEADER, Level.DISTRICT, "Lãnh đạo cấp huyện"),
        RoleSpec(Role.COMMUNE_LEADER, Kind.LEADER, Level.COMMUNE, "Lãnh đạo cấp xã"),
        RoleSpec(Role.MINISTRY_OFFICER, Kind.OFFICER, Level.MINISTRY, "Cán bộ cấp Bộ"),
        RoleSpec(Role.PROVINCE_OFFICER, Kind.OFFICER, Level.PROVINCE, "Cán bộ cấp tỉnh"),
        RoleSpec(Role.DISTRICT_OFFICER, Kind.OFFICER, Level.DISTRICT, "Cán bộ cấp huyện"),
        RoleSpec(Role.COMMUNE_OFFICER, Kind.OFFICER, Level.COMMUNE, "Cán bộ cấp xã"),
        RoleSpec(Role.SYSTEM_ADMIN, Kind.ADMIN, None, "Quản trị hệ thống"),
        RoleSpec(Role.CITIZEN, Kind.CITIZEN, None, "Công dân"),
    )
}

# Extra realm roles that assign a policy area (ADR 0006); orthogonal to the level roles.
DOMAIN_ROLES: Mapping[str, Domain] = {
    "domain_social_assistance": Domain.SOCIAL_ASSISTANCE,
    "domain_poverty": Domain.POVERTY,
}

LEVEL_LABELS: Mapping[Level, str] = {
    Level.MINISTRY: "Bộ",
    Level.PROVINCE: "tỉnh",
    Level.DISTRICT: "huyện",
    Level.COMMUNE: "xã",
}

# Decision 124/2004/QĐ-TTg (list of administrative-unit codes): province codes have 2 digits,
# district codes 3, commune codes 5; the 2025 catalog keeps that shape.
_LEVEL_BY_CODE_LENGTH: Mapping[int, Level] = {
    2: Level.PROVINCE,
    3: Level.DISTRICT,
    5: Level.COMMUNE,
}


def unit_level(code: str) -> Level | None:
    """The level a unit code denotes by its shape, or None if it is not a unit code."""
    if code == ROOT_UNIT:
        return Level.MINISTRY
    if not code.isascii() or not code.isdigit():
        return None
    return _LEVEL_BY_CODE_LENGTH.get(len(code))


def role_specs(roles: Iterable[str]) -> tuple[RoleSpec, ...]:
    """The known roles among ``roles``, most privileged first; unknown names are ignored."""
    held = set(roles)
    return tuple(spec for role, spec in ROLE_SPECS.items() if role.value in held)


def domains_of(roles: Iterable[str]) -> frozenset[Domain]:
    """The policy areas assigned through domain roles."""
    return frozenset(DOMAIN_ROLES[r] for r in roles if r in DOMAIN_ROLES)
