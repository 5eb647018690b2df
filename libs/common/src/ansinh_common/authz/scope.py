"""Unit scope: where a resource's unit lies relative to the principal's unit.

The unit hierarchy is injected (``UnitTree``) so that this module does not hard-wire a
catalog; ``catalog_tree.CatalogUnitTree`` adapts ``ansinh_common.catalogs.admin_units``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from ansinh_common.authz.model import Relation
from ansinh_common.authz.roles import ROOT_UNIT


class UnitTree(Protocol):
    """Ancestry of administrative units in versioned catalogs."""

    def ancestors(self, code: str, version: str) -> Sequence[str]:
        """Codes of the unit's ancestors in catalog ``version``, nearest first.

        Ends with the root ``"VN"`` (the root itself has none). Raises ``LookupError``
        (``KeyError`` included) for a code that is not in that version.
        """
        ...


def relation_of(principal_unit: str, resource_unit: str, version: str, units: UnitTree) -> Relation:
    """The relation of ``resource_unit`` to ``principal_unit`` in catalog ``version``.

    Raises ``LookupError`` if ``resource_unit`` is not in the catalog; an unknown principal
    unit relates to nothing (``OTHER``).
    """
    resource_ancestors = units.ancestors(resource_unit, version)
    if principal_unit == resource_unit:
        return Relation.SAME
    if principal_unit == ROOT_UNIT or principal_unit in resource_ancestors:
        return Relation.BELOW
    try:
        principal_ancestors = units.ancestors(principal_unit, version)
    except LookupError:
        return Relation.OTHER
    if resource_unit == ROOT_UNIT or resource_unit in principal_ancestors:
        return Relation.ABOVE
    return Relation.OTHER


def parent_of(code: str, version: str, units: UnitTree) -> str | None:
    """The direct parent's code (None for the root); raises ``LookupError`` if unknown."""
    found = units.ancestors(code, version)
    return found[0] if found else None
