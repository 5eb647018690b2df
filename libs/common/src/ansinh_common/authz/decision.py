"""``decide`` and ``require``: may this principal read, write or decide on this resource?"""

from __future__ import annotations

from dataclasses import dataclass

from ansinh_common.auth.principal import Principal
from ansinh_common.authz.errors import raise_if_refused
from ansinh_common.authz.model import Action, Decision, Relation, Resource
from ansinh_common.authz.reasons import ReasonCode, message
from ansinh_common.authz.roles import ROOT_UNIT, RoleSpec, domains_of, role_specs, unit_level
from ansinh_common.authz.scope import UnitTree, relation_of
from ansinh_common.authz.tables import (
    ACCOUNTS_CATALOG_VERSION,
    ACTION_LABELS,
    DOMAIN_LABELS,
    DOMAIN_REQUIRED_LEVELS,
    OWN_RECORD_OFFICIAL_ACTIONS,
    OWNER_ACTIONS,
    UNIT_ACTIONS,
    UNIT_REACH,
)


@dataclass(frozen=True, slots=True)
class _Request:
    principal: Principal
    action: Action
    resource: Resource
    units: UnitTree
    accounts_version: str


def decide(
    principal: Principal,
    action: Action,
    resource: Resource,
    *,
    units: UnitTree,
    accounts_version: str = ACCOUNTS_CATALOG_VERSION,
) -> Decision:
    """Allowed if any of the principal's roles allows; else the refusal of its highest role.

    ``accounts_version`` is the catalog version of the principal's unit code: officials reach
    only records of that version (the ministry, unit ``VN``, reaches every version).
    """
    specs = role_specs(principal.roles)
    if not specs:
        return _result(False, ReasonCode.NO_ROLE, None)
    request = _Request(principal, action, resource, units, accounts_version)
    refusals = []
    for spec in specs:
        decision = _decide_as(spec, request)
        if decision.allowed:
            return decision
        refusals.append(decision)
    return refusals[0]


def require(
    principal: Principal,
    action: Action,
    resource: Resource,
    *,
    units: UnitTree,
    accounts_version: str = ACCOUNTS_CATALOG_VERSION,
) -> Decision:
    """``decide``, raising ``AccessDenied`` (a ``PermissionDenied``) on refusal."""
    decision = decide(principal, action, resource, units=units, accounts_version=accounts_version)
    return raise_if_refused(decision)


def owns(principal: Principal, resource: Resource) -> bool:
    """True if the resource belongs to the principal (same personal ID number)."""
    return bool(principal.national_id) and resource.owner_national_id == principal.national_id


def _decide_as(spec: RoleSpec, request: _Request) -> Decision:
    if UNIT_ACTIONS[spec.kind]:
        return _as_official(spec, request)
    if OWNER_ACTIONS[spec.kind]:
        return _as_owner(spec, request)
    return _result(False, ReasonCode.ADMIN_NO_BENEFIT_ACCESS, spec)


def _as_owner(spec: RoleSpec, request: _Request) -> Decision:
    if request.action not in OWNER_ACTIONS[spec.kind]:
        label = ACTION_LABELS[request.action]
        return _result(False, ReasonCode.ACTION_NOT_PERMITTED, spec, action=label)
    if not request.principal.national_id:
        return _result(False, ReasonCode.MISSING_NATIONAL_ID, spec)
    if not owns(request.principal, request.resource):
        return _result(False, ReasonCode.NOT_OWNER, spec)
    return _result(True, ReasonCode.OWN_RECORD, spec)


def _as_official(spec: RoleSpec, request: _Request) -> Decision:
    principal, action, resource = request.principal, request.action, request.resource
    unit = principal.unit_code
    if action not in UNIT_ACTIONS[spec.kind]:
        return _result(False, ReasonCode.ACTION_NOT_PERMITTED, spec, action=ACTION_LABELS[action])
    if not unit:
        return _result(False, ReasonCode.MISSING_UNIT, spec)
    if spec.level is not None and unit_level(unit) is not spec.level:
        return _result(False, ReasonCode.ROLE_UNIT_MISMATCH, spec, unit=unit)
    if owns(principal, resource) and action not in OWN_RECORD_OFFICIAL_ACTIONS:
        return _result(False, ReasonCode.CONFLICT_OF_INTEREST, spec)
    refusal = _domain_refusal(spec, request)
    if refusal is not None:
        return refusal
    version = resource.catalog_version
    if version != request.accounts_version and unit != ROOT_UNIT:
        return _result(False, ReasonCode.CATALOG_VERSION_MISMATCH, spec, version=version)
    try:
        relation = relation_of(unit, resource.unit_code, version, request.units)
    except LookupError:
        return _result(False, ReasonCode.UNKNOWN_UNIT, spec, unit=resource.unit_code)
    if relation not in UNIT_REACH[spec.kind]:
        above = relation is Relation.ABOVE
        return _result(False, ReasonCode.SUPERIOR_UNIT if above else ReasonCode.OUT_OF_SCOPE, spec)
    return _result(True, ReasonCode.IN_SCOPE, spec)


def _domain_refusal(spec: RoleSpec, request: _Request) -> Decision | None:
    domain = request.resource.domain
    if domain is None:
        return None
    held = domains_of(request.principal.roles)
    if held and domain not in held:
        return _result(False, ReasonCode.WRONG_DOMAIN, spec, domain=DOMAIN_LABELS[domain])
    if not held and spec.level in DOMAIN_REQUIRED_LEVELS:
        return _result(False, ReasonCode.DOMAIN_REQUIRED, spec, domain=DOMAIN_LABELS[domain])
    return None


def _result(allowed: bool, code: ReasonCode, spec: RoleSpec | None, **values: str) -> Decision:
    role = spec.role.value if spec is not None else None
    return Decision(allowed, code, message(code, **values), role)
