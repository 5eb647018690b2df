"""The 2025 ministry split: social assistance (Ministry of Health) vs poverty (Ministry of
Agriculture and Environment), expressed by domain roles (ADR 0006)."""

from __future__ import annotations

import pytest

from ansinh_common.auth.principal import Principal
from ansinh_common.authz import Action, Domain, ReasonCode, Resource, UnitTree, decide

SA, POV = Domain.SOCIAL_ASSISTANCE, Domain.POVERTY


def who(role: str, unit: str, *domain_roles: str) -> Principal:
    return Principal("s", "u", frozenset({role, *domain_roles}), unit)


# (role, unit, domain roles, record domain, allowed, refusal code)
CASES = [
    ("ministry_officer", "VN", (), SA, False, ReasonCode.DOMAIN_REQUIRED),
    ("ministry_officer", "VN", (), POV, False, ReasonCode.DOMAIN_REQUIRED),
    ("ministry_officer", "VN", (), None, True, None),
    ("ministry_officer", "VN", ("domain_social_assistance",), SA, True, None),
    ("ministry_officer", "VN", ("domain_social_assistance",), POV, False, ReasonCode.WRONG_DOMAIN),
    ("ministry_leader", "VN", ("domain_poverty",), POV, True, None),
    ("ministry_leader", "VN", ("domain_poverty",), SA, False, ReasonCode.WRONG_DOMAIN),
    ("ministry_officer", "VN", ("domain_social_assistance", "domain_poverty"), POV, True, None),
    ("province_officer", "01", (), SA, True, None),
    ("province_officer", "01", (), POV, True, None),
    ("province_officer", "01", ("domain_poverty",), SA, False, ReasonCode.WRONG_DOMAIN),
    ("commune_officer", "00004", (), POV, True, None),
]


@pytest.mark.parametrize(("role", "unit", "domain_roles", "domain", "allowed", "code"), CASES)
def test_domain_rule(
    units: UnitTree,
    role: str,
    unit: str,
    domain_roles: tuple[str, ...],
    domain: Domain | None,
    allowed: bool,
    code: ReasonCode | None,
) -> None:
    resource = Resource("00004", "2025", domain=domain)
    decision = decide(who(role, unit, *domain_roles), Action.READ, resource, units=units)
    assert decision.allowed is allowed
    if code is not None:
        assert decision.code is code


def test_domain_does_not_limit_citizens_on_their_own_records(units: UnitTree) -> None:
    citizen = Principal("s", "u", frozenset({"citizen"}), None, "001090000001")
    for domain in Domain:
        resource = Resource("00004", "2025", "001090000001", domain)
        assert decide(citizen, Action.WRITE, resource, units=units).allowed


def test_a_domain_role_alone_grants_nothing(units: UnitTree) -> None:
    decision = decide(who("domain_poverty", "VN"), Action.READ, Resource("01", "2025"), units=units)
    assert (decision.allowed, decision.code) == (False, ReasonCode.NO_ROLE)
