"""The policy as data: every decision and the published access matrix read these tables.

Change the policy here, run ``libs/common/scripts/gen_access_matrix.py`` and commit both files;
a unit test fails while docs/access-matrix.md and these tables disagree.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum

from ansinh_common.authz.model import Action, Domain, Relation
from ansinh_common.authz.roles import Kind, Level


class UnitModel(StrEnum):
    """The organisation of local government a catalog version belongs to."""

    THREE_LEVEL = "three_level"  # province, district, commune: until 30 Jun 2025
    TWO_LEVEL = "two_level"  # province, commune: from 1 Jul 2025 (Resolution 202/2025/QH15)


_NONE: frozenset[Action] = frozenset()
_READ_WRITE = frozenset({Action.READ, Action.WRITE})

# Actions a kind may take on records of units within its reach (DESIGN "Identity and access";
# Circular 11/2019 Art. 6: access by level and account).
UNIT_ACTIONS: Mapping[Kind, frozenset[Action]] = {
    Kind.OFFICER: _READ_WRITE,
    Kind.LEADER: frozenset(Action),
    Kind.CITIZEN: _NONE,
    Kind.ADMIN: _NONE,
}

# Which units a kind reaches, relative to its own unit: its unit and everything below it.
UNIT_REACH: Mapping[Kind, frozenset[Relation]] = {
    Kind.OFFICER: frozenset({Relation.SAME, Relation.BELOW}),
    Kind.LEADER: frozenset({Relation.SAME, Relation.BELOW}),
    Kind.CITIZEN: frozenset(),
    Kind.ADMIN: frozenset(),
}

# Actions a kind may take on records it owns (national ID match), wherever they are.
# Writing is limited to personal fields by ``fields.check_field_change`` (Circular 11/2019
# Art. 4.1).
OWNER_ACTIONS: Mapping[Kind, frozenset[Action]] = {
    Kind.CITIZEN: _READ_WRITE,
    Kind.OFFICER: _NONE,
    Kind.LEADER: _NONE,
    Kind.ADMIN: _NONE,
}

# What an officer or leader may still do, in official capacity, on a record they own.
OWN_RECORD_OFFICIAL_ACTIONS: frozenset[Action] = frozenset({Action.READ})

# The catalog version officials' unit codes are in: the 2025 two-level catalog, in force from
# 1 Jul 2025 (Resolution 202/2025/QH15). A record of another version must be mapped to it first
# (``ansinh_common.catalogs.admin_units.map_old_to_new``): the same code can mean another unit.
ACCOUNTS_CATALOG_VERSION = "2025"

# Levels whose accounts must hold a domain role to reach domain records (ADR 0006).
DOMAIN_REQUIRED_LEVELS: frozenset[Level] = frozenset({Level.MINISTRY})

# Kinds acting for the competent agency, allowed to change policy fields (Art. 4.1, 4.3).
POLICY_FIELD_KINDS: frozenset[Kind] = frozenset({Kind.OFFICER, Kind.LEADER})

# Kinds that may create, disable and reset accounts of directly subordinate units (Art. 6).
IDENTIFIER_KINDS: frozenset[Kind] = frozenset({Kind.OFFICER, Kind.LEADER})
IDENTIFIER_LEVELS: frozenset[Level] = frozenset({Level.COMMUNE, Level.DISTRICT, Level.PROVINCE})
"""Who sees personal ID and account numbers in full (Decree 13/2023/NĐ-CP Art. 3, 26: only
those who work on the person): officials of these kinds at these levels whose unit is one of
the record's units (its commune, district or province), and the person themself. Everyone
else who may read the record sees them masked (``mask_identifier``)."""

ACCOUNT_MANAGER_KINDS: frozenset[Kind] = frozenset({Kind.ADMIN, Kind.LEADER})

# The chain of levels from the ministry down; an account manages the next level only.
MODEL_LEVELS: Mapping[UnitModel, tuple[Level, ...]] = {
    UnitModel.THREE_LEVEL: (Level.MINISTRY, Level.PROVINCE, Level.DISTRICT, Level.COMMUNE),
    UnitModel.TWO_LEVEL: (Level.MINISTRY, Level.PROVINCE, Level.COMMUNE),
}

# The unit catalog version of each model (``ansinh_common.catalogs.admin_units``).
MODEL_CATALOG_VERSIONS: Mapping[UnitModel, str] = {
    UnitModel.THREE_LEVEL: "pre2025",
    UnitModel.TWO_LEVEL: "2025",
}

ACTION_LABELS: Mapping[Action, str] = {
    Action.READ: "xem",
    Action.WRITE: "cập nhật",
    Action.DECIDE: "phê duyệt, ra quyết định",
}

DOMAIN_LABELS: Mapping[Domain, str] = {
    Domain.SOCIAL_ASSISTANCE: "trợ giúp xã hội (Bộ Y tế)",
    Domain.POVERTY: "giảm nghèo (Bộ Nông nghiệp và Môi trường)",
}


def unit_grants(kind: Kind, relation: Relation, action: Action) -> bool:
    """One cell of the role × relation × action matrix."""
    return relation in UNIT_REACH[kind] and action in UNIT_ACTIONS[kind]
