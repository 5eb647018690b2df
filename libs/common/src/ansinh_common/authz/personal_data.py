"""Personal data rules (Decree 13/2023/NĐ-CP on personal data protection, issue 9).

* ``sees_identifiers``: whether personal ID and account numbers are shown in full; everyone
  else who may read the record sees them masked by ``mask_identifier`` (``0010******45``).
* ``require_search``: searching a unit's records is reading them: the same rule as reading one
  record (a system administrator, who reads no record, cannot search either; a citizen
  searches only by their own personal ID number).
Plain Python without I/O, like the rest of ``ansinh_common.authz``.
"""

from __future__ import annotations

import dataclasses

from ansinh_common.auth.principal import Principal
from ansinh_common.authz.decision import decide, owns, require
from ansinh_common.authz.model import Action, Decision, Resource
from ansinh_common.authz.reasons import ReasonCode, message
from ansinh_common.authz.roles import role_specs
from ansinh_common.authz.scope import UnitTree
from ansinh_common.authz.tables import (
    ACCOUNTS_CATALOG_VERSION,
    IDENTIFIER_KINDS,
    IDENTIFIER_LEVELS,
)

LEGAL_BASIS = "Decree 13/2023/NĐ-CP Art. 2.4, 3, 26 (personal data, processing principles)"
MASK_CHAR = "*"
KEEP_HEAD, KEEP_TAIL = 4, 2


def mask_identifier(value: str | None) -> str | None:
    """``001090012345`` → ``0010******45``: the first four and last two characters stay (the
    province and century of a personal ID, enough to tell two people apart on a list); short
    values are masked whole."""
    if not value:
        return value
    if len(value) <= KEEP_HEAD + KEEP_TAIL:
        return MASK_CHAR * len(value)
    hidden = len(value) - KEEP_HEAD - KEEP_TAIL
    return value[:KEEP_HEAD] + MASK_CHAR * hidden + value[-KEEP_TAIL:]


def sees_identifiers(
    principal: Principal,
    resource: Resource,
    *,
    units: UnitTree,
    accounts_version: str = ACCOUNTS_CATALOG_VERSION,
) -> bool:
    """True if ``principal`` may see the record's personal ID and account numbers in full:
    the person themself, or an official of the record's own commune, district or province
    (``IDENTIFIER_KINDS`` at ``IDENTIFIER_LEVELS``) who may read it."""
    if owns(principal, resource):
        return True
    for spec in role_specs(principal.roles):
        if spec.kind not in IDENTIFIER_KINDS or spec.level not in IDENTIFIER_LEVELS:
            continue
        only = dataclasses.replace(principal, roles=frozenset({spec.role.value}))
        decision = decide(
            only, Action.READ, resource, units=units, accounts_version=accounts_version
        )
        if decision.allowed:
            return True
    return False


def require_search(
    principal: Principal,
    resource: Resource,
    *,
    personal_id: str | None,
    units: UnitTree,
    accounts_version: str = ACCOUNTS_CATALOG_VERSION,
) -> Decision:
    """May ``principal`` search the records of ``resource.unit_code`` (by ``personal_id`` if
    given)? A citizen's search by their own number is allowed wherever the record is; every
    other search needs read access to the unit, as reading one record does."""
    if personal_id and principal.national_id == personal_id and principal.has_role("citizen"):
        return Decision(True, ReasonCode.OWN_RECORD, message(ReasonCode.OWN_RECORD), "citizen")
    return require(principal, Action.READ, resource, units=units, accounts_version=accounts_version)


__all__ = ["LEGAL_BASIS", "mask_identifier", "require_search", "sees_identifiers"]
