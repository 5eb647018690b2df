"""Access checks of the use cases, through ``ansinh_common.authz`` (ADR 0006).

Scope: officers reach their unit and the units below it; citizens only their own record (by
personal ID number) and, when writing, personal fields only (Circular 11/2019/TT-BLĐTBXH
Art. 4.1; ``rules.field_policy``).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable

from ansinh_common.auth.principal import Principal
from ansinh_common.authz import (
    Action,
    Domain,
    Resource,
    UnitTree,
    locked_fields,
    owns,
    require,
    require_field_change,
    require_search,
    sees_identifiers,
)
from ansinh_common.catalogs.admin_units import CatalogVersion, map_old_to_new
from registry.domain.person import Person, Residence
from registry.domain.rules.citizen_self_service import require_citizen_editable
from registry.domain.rules.field_policy import POLICY_FIELDS


class Access:
    def __init__(self, units: UnitTree) -> None:
        self._units = units

    def resource(self, person: Person) -> Resource:
        """The record as authorization sees it: its commune in the 2025 catalog."""
        return self.resource_at(person.residence, person.personal_id)

    def resource_at(self, residence: Residence, personal_id: str | None) -> Resource:
        commune, version = residence.commune_code, residence.catalog_version
        if version == CatalogVersion.PRE2025:
            mapped = map_old_to_new(commune).primary_code
            commune, version = (
                (mapped, CatalogVersion.V2025.value) if mapped else (commune, version)
            )
        return Resource(commune, version, personal_id, Domain.SOCIAL_ASSISTANCE)

    def require_read_unit(self, principal: Principal, unit_code: str, version: str) -> None:
        """Reading a whole unit (reports): the unit must be in the principal's scope."""
        resource = Resource(unit_code, version, None, Domain.SOCIAL_ASSISTANCE)
        require(principal, Action.READ, resource, units=self._units)

    def require_search(self, principal: Principal, unit_code: str, personal_id: str | None) -> None:
        """Searching a unit is reading it (a system administrator cannot; a citizen only by
        their own personal ID number): ``ansinh_common.authz.require_search``."""
        resource = Resource(unit_code, "2025", None, Domain.SOCIAL_ASSISTANCE)
        require_search(principal, resource, personal_id=personal_id, units=self._units)

    def sees_identifiers(self, principal: Principal, person: Person) -> bool:
        """Personal ID and account numbers in full, or masked (Decree 13/2023/NĐ-CP)."""
        return sees_identifiers(principal, self.resource(person), units=self._units)

    def sees_identifiers_at(
        self, principal: Principal, residence: Residence, personal_id: str | None
    ) -> bool:
        """``sees_identifiers`` for a search row: its residence and personal ID only."""
        resource = self.resource_at(residence, personal_id)
        return sees_identifiers(principal, resource, units=self._units)

    def require_read(self, principal: Principal, person: Person) -> None:
        require(principal, Action.READ, self.resource(person), units=self._units)

    def require_write(
        self, principal: Principal, person: Person, changed_fields: Iterable[str]
    ) -> None:
        """Write access to the record, and to each changed field (policy fields: officials;
        on their own record a citizen changes contact details only, ``citizen_self_service``)."""
        resource = self.resource(person)
        require(principal, Action.WRITE, resource, units=self._units)
        fields = frozenset(changed_fields)
        changed = _policy_fields_among(fields)
        owner = owns(principal, resource)
        if not changed:
            if owner:
                require_citizen_editable(fields)
            return  # personal fields only: anyone with write access to the record
        if owner:
            require_field_change(principal, changed, POLICY_FIELDS, resource=resource)
        else:
            _require_policy_change(principal, changed)


# An import asks the same questions on every row: the answers that depend only on the
# principal and the set of fields are worked out once.


@functools.lru_cache(maxsize=256)
def _policy_fields_among(changed: frozenset[str]) -> tuple[str, ...]:
    """The policy fields among ``changed``: the only ones ``require_field_change`` looks at
    (same decision, same errors)."""
    return tuple(locked_fields(changed, POLICY_FIELDS))


@functools.lru_cache(maxsize=1024)
def _require_policy_change(principal: Principal, changed: tuple[str, ...]) -> None:
    """``require_field_change`` on a record the principal does not own (the decision depends on
    the resource only through ``owns``); a refusal raises and is not cached."""
    require_field_change(principal, changed, POLICY_FIELDS)
