"""The poverty roles of the realm: each ministry's accounts see only their own field (ADR 0006).

The demo accounts are read from the realm file that Keycloak imports, so the test fails if the
realm and the authorization matrix drift apart.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ansinh_common.auth.principal import Principal
from ansinh_common.authz import Action, CatalogUnitTree, Domain, ReasonCode, Resource, decide

REALM = Path(__file__).parents[4] / "infra" / "keycloak" / "ansinh-realm.json"
BA_DINH = "00004"  # Phường Ba Đình, Hà Nội


def _demo(username: str) -> Principal:
    users = json.loads(REALM.read_text(encoding="utf-8"))["users"]
    user = next(u for u in users if u["username"] == username)
    unit = user["attributes"]["unit_code"][0]
    return Principal(f"sub-{username}", username, frozenset(user["realmRoles"]), unit)


def _read(principal: Principal, domain: Domain) -> tuple[bool, ReasonCode]:
    resource = Resource(BA_DINH, "2025", domain=domain)
    decision = decide(principal, Action.READ, resource, units=CatalogUnitTree())
    return decision.allowed, decision.code


@pytest.mark.parametrize(
    ("username", "poverty", "social_assistance"),
    [
        ("bo.giamngheo", True, False),  # ministry-level poverty role
        ("tinh.giamngheo", True, False),  # province poverty officer
        ("bo.canbo", False, True),  # ministry-level social assistance
    ],
)
def test_demo_accounts_see_only_their_own_field(
    username: str, poverty: bool, social_assistance: bool
) -> None:
    who = _demo(username)
    assert _read(who, Domain.POVERTY)[0] is poverty
    assert _read(who, Domain.SOCIAL_ASSISTANCE)[0] is social_assistance
    refused = Domain.SOCIAL_ASSISTANCE if poverty else Domain.POVERTY
    assert _read(who, refused)[1] is ReasonCode.WRONG_DOMAIN


def test_an_account_granted_both_fields_sees_both() -> None:
    who = Principal(
        "s",
        "u",
        frozenset({"province_officer", "domain_poverty", "domain_social_assistance"}),
        "01",
    )
    assert _read(who, Domain.POVERTY)[0] and _read(who, Domain.SOCIAL_ASSISTANCE)[0]


def test_a_province_social_assistance_officer_cannot_read_poverty_records() -> None:
    who = Principal("s", "u", frozenset({"province_officer", "domain_social_assistance"}), "01")
    assert _read(who, Domain.POVERTY) == (False, ReasonCode.WRONG_DOMAIN)
    assert _read(who, Domain.SOCIAL_ASSISTANCE)[0]
