"""Apply the security settings of ``ansinh-realm.json`` to an ALREADY RUNNING realm.

The realm file is imported only into an empty Keycloak (``make reset`` + ``make up``). This
script brings a running realm to the same security settings without touching its users:
brute-force detection and password policy, the ``internal_service`` role, the confidential
clients of the services (with their service accounts) and the ``ansinh-services`` audience
of the gateway's tokens (ADR 0011). Idempotent.

    .venv/bin/python infra/keycloak/apply_security.py [http://127.0.0.1:58080]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import httpx

REALM_FILE = Path(__file__).with_name("ansinh-realm.json")
SECURITY_KEYS = (
    "bruteForceProtected", "permanentLockout", "failureFactor", "waitIncrementSeconds",
    "maxFailureWaitSeconds", "maxDeltaTimeSeconds", "quickLoginCheckMilliSeconds",
    "minimumQuickLoginWaitSeconds", "passwordPolicy",
)  # fmt: skip


def main(keycloak_url: str = "http://127.0.0.1:58080") -> None:
    realm: dict[str, Any] = json.loads(REALM_FILE.read_text(encoding="utf-8"))
    name = realm["realm"]
    token = httpx.post(
        f"{keycloak_url}/realms/master/protocol/openid-connect/token",
        data={"grant_type": "password", "client_id": "admin-cli",
              "username": "admin", "password": "admin"},
    ).raise_for_status().json()["access_token"]  # fmt: skip
    api = httpx.Client(
        base_url=f"{keycloak_url}/admin/realms/{name}",
        headers={"Authorization": f"Bearer {token}"},
        timeout=30,
    )
    api.put("", json={k: realm[k] for k in SECURITY_KEYS}).raise_for_status()
    for role in realm["roles"]["realm"]:
        if api.get(f"/roles/{role['name']}").status_code == 404:
            api.post("/roles", json=role).raise_for_status()
    for client in realm["clients"]:
        found = api.get("/clients", params={"clientId": client["clientId"]}).json()
        if not found:
            api.post("/clients", json=client).raise_for_status()
            continue
        existing = found[0]
        names = {m["name"] for m in existing.get("protocolMappers", [])}
        for mapper in client.get("protocolMappers", []):
            if mapper["name"] not in names:
                api.post(
                    f"/clients/{existing['id']}/protocol-mappers/models", json=mapper
                ).raise_for_status()
    for user in realm["users"]:
        client_id = user.get("serviceAccountClientId")
        if client_id is None:
            continue
        client = api.get("/clients", params={"clientId": client_id}).json()[0]
        account = api.get(f"/clients/{client['id']}/service-account-user").raise_for_status()
        wanted = [api.get(f"/roles/{r}").json() for r in user.get("realmRoles", [])]
        api.post(
            f"/users/{account.json()['id']}/role-mappings/realm", json=wanted
        ).raise_for_status()
    print(f"realm {name}: security settings applied")


if __name__ == "__main__":
    main(*sys.argv[1:])
