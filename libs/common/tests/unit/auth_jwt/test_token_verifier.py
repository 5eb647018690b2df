"""TokenVerifier without servers: local RSA keys, a mocked JWKS endpoint (httpx mock
transport counting requests) and an in-memory stand-in for the async Redis client."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx
import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

from ansinh_common.auth.jwt import JwtSettings, TokenVerifier, claims_to_principal
from ansinh_common.auth.principal import Principal
from ansinh_common.errors import Unauthenticated, Unavailable

KEYCLOAK = "http://keycloak.test"
ISSUER = f"{KEYCLOAK}/realms/ansinh"
JWKS_URL = f"{ISSUER}/protocol/openid-connect/certs"


class FakeRedis:
    """The part of ``redis.asyncio.Redis`` the verifier uses (GET, SET EX/NX)."""

    def __init__(self) -> None:
        self.data: dict[str, bytes] = {}
        self.ttl: dict[str, int | None] = {}
        self.fail = False

    async def get(self, key: str) -> bytes | None:
        if self.fail:
            from redis.exceptions import ConnectionError

            raise ConnectionError("down")
        return self.data.get(key)

    async def set(self, key: str, value: str, ex: int | None = None, nx: bool = False) -> bool:
        if self.fail:
            from redis.exceptions import ConnectionError

            raise ConnectionError("down")
        if nx and key in self.data:
            return False
        self.data[key], self.ttl[key] = value.encode(), ex
        return True


@dataclass
class KeySet:
    """Signing keys and the JWKS endpoint that publishes them."""

    keys: dict[str, rsa.RSAPrivateKey] = field(default_factory=dict)
    published: list[str] = field(default_factory=list)
    requests: int = 0
    status: int = 200

    def add(self, kid: str, publish: bool = True) -> None:
        self.keys[kid] = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        if publish:
            self.published.append(kid)

    def jwks(self) -> dict[str, Any]:
        out = []
        for kid in self.published:
            jwk = RSAAlgorithm.to_jwk(self.keys[kid].public_key(), as_dict=True)
            out.append({**jwk, "kid": kid, "use": "sig", "alg": "RS256"})
        # Keycloak also publishes an encryption key; it must be ignored.
        enc = RSAAlgorithm.to_jwk(self.keys[self.published[0]].public_key(), as_dict=True)
        out.append({**enc, "kid": "enc-key", "use": "enc", "alg": "RSA-OAEP"})
        return {"keys": out}

    def handler(self, request: httpx.Request) -> httpx.Response:
        assert str(request.url) == JWKS_URL
        self.requests += 1
        if self.status != 200:
            return httpx.Response(self.status)
        return httpx.Response(200, text=json.dumps(self.jwks()))

    def sign(self, claims: dict[str, Any], kid: str = "k1", **headers: Any) -> str:
        return jwt.encode(
            claims, self.keys[kid], algorithm="RS256", headers={"kid": kid, **headers}
        )


def keycloak_claims(**overrides: Any) -> dict[str, Any]:
    now = int(time.time())
    claims: dict[str, Any] = {
        "exp": now + 300,
        "iat": now,
        "iss": ISSUER,
        "aud": ["ansinh-gateway", "account"],
        "sub": "user-1",
        "typ": "Bearer",
        "azp": "ansinh-gateway",
        "preferred_username": "xa.canbo",
        "realm_access": {"roles": ["commune_officer", "default-roles-ansinh", "offline_access"]},
        "unit_code": "00004",
    }
    claims.update(overrides)
    return claims


@pytest.fixture
def keyset() -> KeySet:
    ks = KeySet()
    ks.add("k1")
    return ks


@pytest.fixture
def fake_redis() -> FakeRedis:
    return FakeRedis()


@pytest.fixture
def claims() -> Callable[..., dict[str, Any]]:
    return keycloak_claims


Claims = Callable[..., dict[str, Any]]


def make_verifier(
    keyset: KeySet, redis: FakeRedis, clock: Callable[[], float] = time.time, **kw: Any
) -> TokenVerifier:
    settings = JwtSettings(keycloak_url=KEYCLOAK, realm="ansinh", **kw)
    http = httpx.AsyncClient(transport=httpx.MockTransport(keyset.handler))
    return TokenVerifier(settings, redis, http, clock=clock)  # type: ignore[arg-type]


def verify(verifier: TokenVerifier, token: str) -> Principal:
    return asyncio.run(verifier.verify(token))


def rejected(verifier: TokenVerifier, token: str) -> Unauthenticated:
    with pytest.raises(Unauthenticated) as info:
        verify(verifier, token)
    return info.value


def test_valid_token_maps_to_principal(
    keyset: KeySet, fake_redis: FakeRedis, claims: Claims
) -> None:
    principal = verify(make_verifier(keyset, fake_redis), keyset.sign(claims()))
    assert principal == Principal(
        subject="user-1",
        username="xa.canbo",
        roles=frozenset({"commune_officer"}),
        unit_code="00004",
        national_id=None,
    )


def test_jwks_is_cached_in_redis_with_ttl(
    keyset: KeySet, fake_redis: FakeRedis, claims: Claims
) -> None:
    verifier = make_verifier(keyset, fake_redis, jwks_ttl_seconds=600)
    verify(verifier, keyset.sign(claims()))
    verify(verifier, keyset.sign(claims()))
    assert keyset.requests == 1 and verifier.jwks_fetches == 1
    assert fake_redis.ttl[verifier.cache_key] == 600
    # a second verifier (another replica) uses the shared cache, no HTTP call
    other = make_verifier(keyset, fake_redis)
    verify(other, keyset.sign(claims()))
    assert keyset.requests == 1 and other.jwks_fetches == 0


def test_expired_token_is_rejected_after_leeway(
    keyset: KeySet, fake_redis: FakeRedis, claims: Claims
) -> None:
    now = time.time()
    token = keyset.sign(claims(exp=int(now) + 60))
    assert verify(
        make_verifier(keyset, fake_redis, clock=lambda: now + 65, leeway_seconds=10), token
    )
    err = rejected(
        make_verifier(keyset, fake_redis, clock=lambda: now + 75, leeway_seconds=10), token
    )
    assert err.detail == "Mã thông báo đã hết hạn."
    assert err.title == "Xác thực không thành công"


def test_not_yet_valid(keyset: KeySet, fake_redis: FakeRedis, claims: Claims) -> None:
    token = keyset.sign(claims(nbf=int(time.time()) + 3600))
    assert (
        rejected(make_verifier(keyset, fake_redis), token).detail
        == "Mã thông báo chưa có hiệu lực."
    )


@pytest.mark.parametrize("part", [1, 2])
def test_tampered_token_is_rejected(
    keyset: KeySet, fake_redis: FakeRedis, claims: Claims, part: int
) -> None:
    pieces = keyset.sign(claims()).split(".")
    if part == 1:  # change the payload: unit_code 00004 → 00005, signature no longer matches
        payload = jwt.utils.base64url_decode(pieces[1]).replace(b"00004", b"00005")
        pieces[1] = jwt.utils.base64url_encode(payload).decode()
    else:  # flip a character inside the signature
        sig = pieces[2]
        mid = len(sig) // 2
        pieces[2] = sig[:mid] + ("A" if sig[mid] != "A" else "B") + sig[mid + 1 :]
    err = rejected(make_verifier(keyset, fake_redis), ".".join(pieces))
    assert err.detail == "Chữ ký không hợp lệ."


def test_signed_by_another_key_with_a_known_kid(
    keyset: KeySet, fake_redis: FakeRedis, claims: Claims
) -> None:
    keyset.add("k2", publish=False)
    token = jwt.encode(claims(), keyset.keys["k2"], algorithm="RS256", headers={"kid": "k1"})
    assert rejected(make_verifier(keyset, fake_redis), token).detail == "Chữ ký không hợp lệ."


@pytest.mark.parametrize(
    ("overrides", "detail"),
    [
        (
            {"iss": "http://evil.test/realms/ansinh"},
            "Mã thông báo không do máy chủ định danh của hệ thống cấp.",
        ),
        ({"aud": ["account"], "azp": "other-app"}, "Mã thông báo không dành cho ứng dụng này."),
        ({"typ": "Refresh"}, "Không phải mã thông báo truy cập."),
        ({"sub": None}, "Mã thông báo thiếu thông tin bắt buộc."),
    ],
)
def test_claim_checks(
    keyset: KeySet, fake_redis: FakeRedis, claims: Claims, overrides: dict[str, Any], detail: str
) -> None:
    c = {k: v for k, v in claims(**overrides).items() if v is not None}
    verifier = make_verifier(keyset, fake_redis, audience="ansinh-gateway")
    assert rejected(verifier, keyset.sign(c)).detail == detail


def test_garbage_and_wrong_algorithms(
    keyset: KeySet, fake_redis: FakeRedis, claims: Claims
) -> None:
    verifier = make_verifier(keyset, fake_redis)
    assert rejected(verifier, "not-a-jwt").detail == "Mã thông báo không đúng định dạng."
    unsigned = jwt.encode(claims(), key=None, algorithm="none", headers={"kid": "k1"})  # type: ignore[arg-type]
    assert rejected(verifier, unsigned).detail == "Thuật toán ký không được chấp nhận."
    hs = jwt.encode(
        claims(), "secret-secret-secret-secret-32b!", algorithm="HS256", headers={"kid": "k1"}
    )
    assert rejected(verifier, hs).detail == "Thuật toán ký không được chấp nhận."


def test_unknown_kid_refetches_once_then_rate_limits(
    keyset: KeySet, fake_redis: FakeRedis, claims: Claims
) -> None:
    verifier = make_verifier(keyset, fake_redis, refetch_min_interval_seconds=30)
    verify(verifier, keyset.sign(claims()))
    assert keyset.requests == 1
    keyset.add("k2")  # Keycloak rotates its key: the cached JWKS does not know k2 yet
    assert verify(verifier, keyset.sign(claims(), kid="k2")).subject == "user-1"
    assert keyset.requests == 2
    keyset.add("k3", publish=False)  # never published: only one refetch per interval
    for _ in range(3):
        assert rejected(verifier, keyset.sign(claims(), kid="k3")).detail == (
            "Khóa ký của mã thông báo không được nhận diện."
        )
    assert keyset.requests == 2  # the k2 refetch used this interval's allowance


def test_keycloak_unreachable_is_unavailable(
    keyset: KeySet, fake_redis: FakeRedis, claims: Claims
) -> None:
    keyset.status = 503
    with pytest.raises(Unavailable):
        verify(make_verifier(keyset, fake_redis), keyset.sign(claims()))


def test_redis_down_falls_back_to_keycloak_and_memory(
    keyset: KeySet, fake_redis: FakeRedis, claims: Claims
) -> None:
    verifier = make_verifier(keyset, fake_redis)
    fake_redis.fail = True
    assert verify(verifier, keyset.sign(claims())).subject == "user-1"
    assert verify(verifier, keyset.sign(claims())).subject == "user-1"
    assert keyset.requests == 1  # second time from the in-process copy


def test_claims_to_principal_roles_and_attributes() -> None:
    p = claims_to_principal(
        {
            "sub": "s",
            "preferred_username": "congdan.an",
            "realm_access": {"roles": ["citizen", "uma_authorization", "default-roles-ansinh"]},
            "roles": ["citizen", "commune_leader"],
            "national_id": ["001090000001"],
        }
    )
    assert p.roles == frozenset({"citizen", "commune_leader"})
    assert p.national_id == "001090000001" and p.unit_code is None
    with pytest.raises(Unauthenticated):
        claims_to_principal({"preferred_username": "x"})


def test_issuer_and_jwks_url() -> None:
    s = JwtSettings(keycloak_url="http://127.0.0.1:58080/", realm="ansinh")
    assert s.issuer == "http://127.0.0.1:58080/realms/ansinh"
    assert (
        s.jwks_url
        == ISSUER.replace(KEYCLOAK, "http://127.0.0.1:58080") + "/protocol/openid-connect/certs"
    )
