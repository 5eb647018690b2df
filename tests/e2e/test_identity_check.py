"""Citizen identity check through the gateway against the population-database simulator (a
separate process serving a seeded synthetic population): each kind of mismatch comes back with
its own reason."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, timedelta
from typing import Any

import pytest

from ansinh_common.authz import UnitModel
from ansinh_common.testing import Servers
from identity.domain.periods import ModelPeriod
from identity.testing import (
    TEST_PASSWORD,
    KeycloakUsers,
    PopulationSimulator,
    delete_keys,
    gateway_client,
    migrate,
    password_token,
    settings_for_test,
    start_identity_server,
)

pytestmark = pytest.mark.e2e

TWO_LEVEL = (ModelPeriod(date(1900, 1, 1), UnitModel.TWO_LEVEL),)


@pytest.fixture(scope="module")
def population() -> Iterator[PopulationSimulator]:
    with PopulationSimulator() as sim:
        yield sim


@pytest.fixture
def check(
    servers: Servers, make_database: Callable[..., str], population: PopulationSimulator
) -> Iterator[Callable[..., Any]]:
    users = KeycloakUsers(servers.keycloak_url)
    settings = settings_for_test(
        database_url=migrate(make_database("identity_e2e")), redis_url=servers.redis_url,
        keycloak_url=servers.keycloak_url, population=population, periods=TWO_LEVEL,
    )  # fmt: skip
    identity = start_identity_server(settings)
    officer = users.create("00004", {"commune_officer"}, version="2025")
    token = password_token(servers.keycloak_url, officer.username, TEST_PASSWORD)["access_token"]
    try:
        with gateway_client(
            servers.redis_url, servers.keycloak_url, identity.target, settings.disabled_flag_prefix
        ) as client:

            def post(body: dict[str, Any], bearer: str = token) -> Any:
                return client.post(
                    "/api/v1/identity-checks", json=body,
                    headers={"Authorization": f"Bearer {bearer}"},
                )  # fmt: skip

            yield post
    finally:
        identity.stop()
        users.cleanup()
        delete_keys(servers.redis_url, settings.disabled_flag_prefix)


def test_each_mismatch_has_its_own_reason(
    check: Callable[..., Any], population: PopulationSimulator
) -> None:
    person = population.sample(1, offset=7)[0]
    born = date.fromisoformat(person["birth_date"])
    other_gender = "female" if person["gender"] == "male" else "male"
    exact = {
        "national_id": person["national_id"],
        "full_name": person["full_name"],
        "birth_date": person["birth_date"],
        "gender": person["gender"],
    }
    ok = check({**exact, "full_name": "  " + person["full_name"].upper().replace(" ", "  ")})
    assert ok.status_code == 200, ok.text
    assert ok.json() == {"matched": True, "mismatches": []}

    bare = person["full_name"].replace("Đ", "D").replace("đ", "d")
    bare = "".join(
        c
        for c in __import__("unicodedata").normalize("NFD", bare)
        if ord(c) < 0x300 or ord(c) > 0x36F
    )
    cases: dict[str, tuple[dict[str, Any], str]] = {
        "full_name_mismatch": ({**exact, "full_name": person["full_name"] + " Thêm"}, "full_name"),
        "full_name_diacritics_mismatch": ({**exact, "full_name": bare}, "full_name"),
        "birth_date_mismatch": (
            {**exact, "birth_date": (born + timedelta(days=1)).isoformat()}, "birth_date"
        ),
        "gender_mismatch": ({**exact, "gender": other_gender}, "gender"),
        "national_id_not_found": ({**exact, "national_id": "099999999999"}, "national_id"),
        "national_id_invalid": ({**exact, "national_id": "012345678"}, "national_id"),
    }  # fmt: skip
    reasons: dict[str, str] = {}
    for code, (body, field) in cases.items():
        resp = check(body)
        assert resp.status_code == 200, (code, resp.text)
        result = resp.json()
        assert result["matched"] is False
        assert [(m["code"], m["field"]) for m in result["mismatches"]] == [(code, field)], code
        reasons[code] = result["mismatches"][0]["message"]
    assert len(set(reasons.values())) == len(cases)  # a distinct Vietnamese reason per kind
    assert "Giới tính" in reasons["gender_mismatch"]

    several = check({**exact, "gender": other_gender, "full_name": "Ai Đó Khác"}).json()
    assert [m["code"] for m in several["mismatches"]] == ["full_name_mismatch", "gender_mismatch"]


def test_citizen_checks_only_themselves(
    servers: Servers, check: Callable[..., Any], population: PopulationSimulator
) -> None:
    citizen = password_token(servers.keycloak_url, "congdan.an", "demo123")["access_token"]
    own = {"national_id": "001090012345", "full_name": "Nguyễn Văn An",
           "birth_date": "1990-05-15", "gender": "male"}  # fmt: skip
    assert check(own, citizen).json() == {"matched": True, "mismatches": []}
    other = population.sample(1)[0]
    refused = check({**own, "national_id": other["national_id"]}, citizen)
    assert refused.status_code == 403
    assert (
        refused.json()["detail"] == "Công dân chỉ được xác thực thông tin định danh của chính mình."
    )
    assert refused.headers["content-type"] == "application/problem+json"
