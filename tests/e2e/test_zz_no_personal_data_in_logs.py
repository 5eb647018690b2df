"""No personal data in the logs of the e2e suite (issue 9, Decree 13/2023/NĐ-CP).

Named to run last among the e2e tests: it reads every log record the session has written so
far (``session_logs``, formatted as the services format them) and fails on any 12-digit
personal ID number. It first runs a citizen identity check through the gateway — the identity
service asks the population database for ``/v1/citizens/<ID>``, which its HTTP client logs at
INFO — so that even on its own it reads logs that had a personal ID to leak.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import date

import pytest

from ansinh_common.authz import UnitModel
from ansinh_common.redaction import REDACTED
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

PERSONAL_ID = re.compile(r"(?<![\w-])\d{12}(?![\w-])")  # not inside a UUID
TWO_LEVEL = (ModelPeriod(date(1900, 1, 1), UnitModel.TWO_LEVEL),)


def test_logs_of_the_e2e_run_carry_no_personal_id(
    servers: Servers, make_database: Callable[..., str], session_logs: Callable[[], str]
) -> None:
    users = KeycloakUsers(servers.keycloak_url)
    with PopulationSimulator() as population:
        settings = settings_for_test(
            database_url=migrate(make_database("identity_logs")), redis_url=servers.redis_url,
            keycloak_url=servers.keycloak_url, population=population, periods=TWO_LEVEL,
        )  # fmt: skip
        identity = start_identity_server(settings)
        try:
            officer = users.create("00004", {"commune_officer"}, version="2025")
            grant = password_token(servers.keycloak_url, officer.username, TEST_PASSWORD)
            person = population.sample(1, offset=3)[0]
            with gateway_client(
                servers.redis_url, servers.keycloak_url, identity.target,
                settings.disabled_flag_prefix,
            ) as client:  # fmt: skip
                checked = client.post(
                    "/api/v1/identity-checks",
                    json={k: person[k] for k in ("national_id", "full_name", "birth_date",
                                                 "gender")},
                    headers={"Authorization": f"Bearer {grant['access_token']}"},
                )  # fmt: skip
            assert checked.status_code == 200, checked.text
        finally:
            identity.stop()
            users.cleanup()
            delete_keys(servers.redis_url, settings.disabled_flag_prefix)

    logs = session_logs()
    lines = [json.loads(line) for line in logs.splitlines() if line.strip()]
    assert any("/v1/citizens/" in line.get("message", "") for line in lines), (
        "the population lookup was not logged: the test read no log that could leak"
    )
    assert person["national_id"] not in logs
    assert REDACTED in logs
    leaks = [line for line in logs.splitlines() if PERSONAL_ID.search(line)]
    assert leaks == [], f"{len(leaks)} log lines carry a 12-digit number, e.g. {leaks[:3]}"
