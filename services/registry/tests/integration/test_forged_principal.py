"""Straight to the registry's gRPC port, as an attacker inside the cluster would (issue 9.4).

The port trusts no header: a principal without a signature, a token signed by someone else's
key, a real token whose claims were edited, and a real token of a client the services do not
serve are all refused with UNAUTHENTICATED before any use case runs; the same search with the
officer's real token succeeds.
"""

from __future__ import annotations

import base64
import json
import time
from collections.abc import Iterator

import grpc
import httpx
import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from ansinh.registry.v1 import registry_pb2, registry_pb2_grpc
from ansinh_common.auth import PRINCIPAL_METADATA_KEY, Principal, call_metadata
from ansinh_common.testing import Servers
from ansinh_common.testing_keycloak import KeycloakTestUsers
from registry.bootstrap import bootstrap
from registry.config import RegistrySettings
from registry.entrypoints.grpc_server import start

from .support import Cluster

pytestmark = pytest.mark.integration

HANOI = Principal("x", "canbo.hanoi", frozenset({"province_officer"}), "01")
CITIZEN = Principal("x", "congdan", frozenset({"citizen"}), None, "001090099999")
SEARCH = registry_pb2.SearchRecordsRequest(province_code="01")


@pytest.fixture
def port(cluster: Cluster) -> Iterator[int]:
    app = bootstrap(RegistrySettings(), router=cluster.router)
    server, bound = start(app, port=0)
    yield bound
    server.stop(0).wait()
    app.close()


def _search(port: int, metadata: list[tuple[str, str | bytes]]) -> grpc.RpcError | None:
    with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:  # no client interceptors
        stub = registry_pb2_grpc.RegistryServiceStub(channel)
        try:
            stub.SearchRecords(SEARCH, metadata=metadata, timeout=30)
        except grpc.RpcError as exc:
            return exc
    return None


def _b64(doc: dict[str, object]) -> str:
    raw = json.dumps(doc, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def test_forged_and_unsigned_principals_are_refused(
    port: int, servers: Servers, signed_in: KeycloakTestUsers
) -> None:
    officer, citizen = signed_in(HANOI), signed_in(CITIZEN)
    assert officer.token and citizen.token
    assert _search(port, list(call_metadata(officer))) is None  # the real thing works

    unsigned = json.dumps(
        {"subject": officer.subject, "username": "canbo.hanoi", "roles": ["province_officer"],
         "unit_code": "01", "national_id": ""}
    ).encode()  # fmt: skip
    header = jwt.get_unverified_header(officer.token)
    claims = jwt.decode(officer.token, options={"verify_signature": False})
    claims["exp"] = int(time.time()) + 600
    attacker_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    forged = jwt.encode(claims, attacker_key, algorithm="RS256", headers={"kid": header["kid"]})
    head, _, signature = citizen.token.split(".")
    edited = jwt.decode(citizen.token, options={"verify_signature": False})
    edited.update(roles=["province_officer"], unit_code="01", national_id=None)
    tampered = f"{head}.{_b64(edited)}.{signature}"
    unsigned_token = f"{_b64({'alg': 'none', 'typ': 'JWT'})}.{_b64(claims)}."
    other_client = httpx.post(  # the identity admin client's token names no service audience
        f"{servers.keycloak_url}/realms/ansinh/protocol/openid-connect/token",
        data={"grant_type": "client_credentials"},
        auth=("ansinh-identity-admin", "dev-identity-secret"),
        timeout=30,
    ).json()["access_token"]

    attempts: dict[str, list[tuple[str, str | bytes]]] = {
        "unsigned principal header": [(PRINCIPAL_METADATA_KEY, unsigned)],
        "unsigned header beside a citizen's token": [
            (PRINCIPAL_METADATA_KEY, unsigned), *call_metadata(citizen),
        ],
        "no credentials at all": [],
        "token signed by another key": list(call_metadata(token=forged)),
        "citizen token with edited roles": list(call_metadata(token=tampered)),
        "token with alg none": list(call_metadata(token=unsigned_token)),
        "token of a client the services do not serve": list(call_metadata(token=other_client)),
    }  # fmt: skip
    for what, metadata in attempts.items():
        refused = _search(port, metadata)
        assert refused is not None, f"{what}: accepted"
        assert refused.code() == grpc.StatusCode.UNAUTHENTICATED, what
        assert refused.details(), what  # a Vietnamese reason
