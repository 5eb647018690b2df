"""Account provisioning: who may create, disable and reset whose accounts.

Circular 11/2019/TT-BLĐTBXH Art. 6: the managing unit issues and manages accounts. Here an
account of unit U manages accounts only of units **directly** under U: ministry → provinces →
districts → communes in the three-level model, ministry → provinces → communes in the 2025
two-level model. Used by the identity service before it calls the Keycloak admin API
(moved here from ``ansinh_common.authz``: no other service uses it).
"""

from __future__ import annotations

from ansinh_common.auth.principal import Principal
from ansinh_common.authz.errors import raise_if_refused
from ansinh_common.authz.model import Decision
from ansinh_common.authz.reasons import ReasonCode, message
from ansinh_common.authz.roles import LEVEL_LABELS, RoleSpec, role_specs, unit_level
from ansinh_common.authz.scope import UnitTree, parent_of
from ansinh_common.authz.tables import (
    ACCOUNT_MANAGER_KINDS,
    MODEL_CATALOG_VERSIONS,
    MODEL_LEVELS,
    UnitModel,
)

LEGAL_BASIS = "Circular 11/2019/TT-BLĐTBXH Art. 6"


def can_manage_accounts_of(
    principal: Principal, target_unit: str, model: UnitModel, *, units: UnitTree
) -> Decision:
    """May ``principal`` create, disable or reset accounts of unit ``target_unit``?"""
    specs = role_specs(principal.roles)
    managers = [s for s in specs if s.kind in ACCOUNT_MANAGER_KINDS]
    if not managers:
        return _result(False, ReasonCode.NOT_ACCOUNT_MANAGER, specs[0] if specs else None)
    unit = principal.unit_code
    if not unit:
        return _result(False, ReasonCode.MISSING_UNIT, managers[0])
    own_level = unit_level(unit)
    fitting = [s for s in managers if own_level is not None and s.level in (None, own_level)]
    if own_level is None or not fitting:
        return _result(False, ReasonCode.ROLE_UNIT_MISMATCH, managers[0], unit=unit)
    spec, chain = fitting[0], MODEL_LEVELS[model]
    target_level = unit_level(target_unit)
    if target_level is None:
        return _result(False, ReasonCode.UNKNOWN_UNIT, spec, unit=target_unit)
    for level in (own_level, target_level):
        if level not in chain:
            return _result(False, ReasonCode.LEVEL_NOT_IN_MODEL, spec, level=LEVEL_LABELS[level])
    below = chain.index(own_level) + 1
    if below >= len(chain) or chain[below] is not target_level:
        return _result(False, ReasonCode.NOT_DIRECT_SUBORDINATE, spec, unit=target_unit)
    try:
        parent = parent_of(target_unit, MODEL_CATALOG_VERSIONS[model], units)
    except LookupError:
        return _result(False, ReasonCode.UNKNOWN_UNIT, spec, unit=target_unit)
    if parent != unit:
        return _result(False, ReasonCode.NOT_DIRECT_SUBORDINATE, spec, unit=target_unit)
    return _result(True, ReasonCode.DIRECT_SUBORDINATE, spec, unit=target_unit)


def require_manage_accounts_of(
    principal: Principal, target_unit: str, model: UnitModel, *, units: UnitTree
) -> Decision:
    """``can_manage_accounts_of``, raising ``AccessDenied`` on refusal."""
    return raise_if_refused(can_manage_accounts_of(principal, target_unit, model, units=units))


def _result(allowed: bool, code: ReasonCode, spec: RoleSpec | None, **values: str) -> Decision:
    return Decision(allowed, code, message(code, **values), spec.role.value if spec else None)
