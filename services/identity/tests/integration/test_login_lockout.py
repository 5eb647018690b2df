"""Brute-force detection of the realm (issue 9.5), against the real Keycloak.

A test user of its own (never a demo user: other tests log in with them) is locked after the
realm's ``failureFactor`` wrong passwords: the right password is then refused too, and the
admin API reports the user as temporarily disabled.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from ansinh_common.auth import Principal
from ansinh_common.testing import Servers
from ansinh_common.testing_keycloak import KeycloakTestUsers

pytestmark = pytest.mark.integration

REALM_FILE = Path(__file__).resolve().parents[4] / "infra" / "keycloak" / "ansinh-realm.json"


@pytest.fixture
def users(servers: Servers) -> Iterator[KeycloakTestUsers]:
    made = KeycloakTestUsers(servers.keycloak_url)
    yield made
    made.cleanup()


def test_login_is_locked_after_the_configured_failures(users: KeycloakTestUsers) -> None:
    realm = json.loads(REALM_FILE.read_text(encoding="utf-8"))
    assert realm["bruteForceProtected"] is True and realm["permanentLockout"] is False
    running = users.admin("GET", "").json()
    assert running["bruteForceProtected"] is True
    limit = int(running["failureFactor"])
    assert limit == realm["failureFactor"] == 5

    user_id, name, password = users.create_user(
        Principal("x", "khoa.thu", frozenset({"commune_officer"}), "00004")
    )
    for attempt in range(limit - 1):
        wrong = users.token(name, f"sai-mat-khau-{attempt}")
        assert wrong.status_code == 401, wrong.text
    # One failure short of the limit the account is not locked.
    status = users.admin("GET", f"/attack-detection/brute-force/users/{user_id}").json()
    assert status["disabled"] is False
    assert users.token(name, f"sai-mat-khau-{limit}").status_code == 401
    # Keycloak records failures off the request thread: wait until the last one is counted.
    deadline = time.monotonic() + 10
    status = users.admin("GET", f"/attack-detection/brute-force/users/{user_id}").json()
    while status["numFailures"] < limit and time.monotonic() < deadline:
        time.sleep(0.2)
        status = users.admin("GET", f"/attack-detection/brute-force/users/{user_id}").json()
    assert status["disabled"] is True and status["numFailures"] == limit
    locked = users.token(name, password)
    assert locked.status_code in (400, 401), "the right password still works after the limit"
    assert locked.json()["error"] == "invalid_grant"

    users.admin("DELETE", f"/attack-detection/brute-force/users/{user_id}")  # an admin unlocks
    assert users.token(name, password).status_code == 200  # the password was right all along
