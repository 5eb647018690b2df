"""Authorization for the gateway and every service: one policy, one place (ADR 0006).

Plain Python without I/O. Typical use in a use case::

    from ansinh_common.authz import Action, Resource, require

    require(principal, Action.WRITE, Resource(unit, "2025", owner_id, Domain.POVERTY), units=tree)

``units`` is any ``UnitTree``; ``CatalogUnitTree()`` reads the shared unit catalogs.
The published matrix (docs/access-matrix.md) is rendered from ``tables`` by ``matrix``.
"""

from ansinh_common.authz.catalog_tree import CatalogUnitTree
from ansinh_common.authz.decision import decide, owns, require
from ansinh_common.authz.errors import AccessDenied
from ansinh_common.authz.fields import check_field_change, locked_fields, require_field_change
from ansinh_common.authz.matrix import render_access_matrix
from ansinh_common.authz.model import Action, Decision, Domain, Relation, Resource
from ansinh_common.authz.personal_data import mask_identifier, require_search, sees_identifiers
from ansinh_common.authz.reasons import ReasonCode
from ansinh_common.authz.roles import DOMAIN_ROLES, ROOT_UNIT, Kind, Level, Role, unit_level
from ansinh_common.authz.scope import UnitTree, relation_of
from ansinh_common.authz.tables import UnitModel

__all__ = [
    "DOMAIN_ROLES",
    "ROOT_UNIT",
    "AccessDenied",
    "Action",
    "CatalogUnitTree",
    "Decision",
    "Domain",
    "Kind",
    "Level",
    "ReasonCode",
    "Relation",
    "Resource",
    "Role",
    "UnitModel",
    "UnitTree",
    "check_field_change",
    "decide",
    "locked_fields",
    "mask_identifier",
    "owns",
    "relation_of",
    "render_access_matrix",
    "require",
    "require_field_change",
    "require_search",
    "sees_identifiers",
    "unit_level",
]
