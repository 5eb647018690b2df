"""Verification of Keycloak access tokens (RS256) against the realm's JWKS.

The JWKS is fetched from ``<keycloak>/realms/<realm>/protocol/openid-connect/certs`` with
httpx and cached in Redis (shared by every gateway replica) for ``jwks_ttl_seconds``. A token
signed with an unknown ``kid`` (key rotation) triggers one refetch, rate-limited across
replicas by a Redis ``SET NX`` marker. Every failure raises
:class:`ansinh_common.errors.Unauthenticated` with a Vietnamese detail, except an unreachable
Keycloak, which is :class:`ansinh_common.errors.Unavailable` (503: not the caller's fault).

Two verifiers share the rules: :class:`TokenVerifier` (asyncio: the gateway) and
:class:`BlockingTokenVerifier` (threads: the gRPC server interceptor of every service, which
also keeps the parsed JWKS in memory for ``local_cache_seconds`` between Redis reads).

Usage::

    verifier = TokenVerifier(JwtSettings(keycloak_url=..., realm="ansinh"), redis, http)
    principal = await verifier.verify(raw_token)
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import httpx
import jwt
from redis import Redis as SyncRedis
from redis.asyncio import Redis
from redis.exceptions import RedisError

from ansinh_common.auth.principal import Principal
from ansinh_common.errors import Unauthenticated, Unavailable

__all__ = ["BlockingTokenVerifier", "JwtSettings", "TokenVerifier", "claims_to_principal"]

log = logging.getLogger(__name__)

MSG_MALFORMED = "Mã thông báo không đúng định dạng."
MSG_EXPIRED = "Mã thông báo đã hết hạn."
MSG_NOT_YET_VALID = "Mã thông báo chưa có hiệu lực."
MSG_BAD_SIGNATURE = "Chữ ký không hợp lệ."
MSG_UNKNOWN_KEY = "Khóa ký của mã thông báo không được nhận diện."
MSG_BAD_ALGORITHM = "Thuật toán ký không được chấp nhận."
MSG_BAD_ISSUER = "Mã thông báo không do máy chủ định danh của hệ thống cấp."
MSG_BAD_AUDIENCE = "Mã thông báo không dành cho ứng dụng này."
MSG_NOT_ACCESS_TOKEN = "Không phải mã thông báo truy cập."
MSG_MISSING_CLAIM = "Mã thông báo thiếu thông tin bắt buộc."
MSG_JWKS_UNAVAILABLE = "Không lấy được khóa xác thực từ máy chủ định danh, vui lòng thử lại sau."
TITLE = "Xác thực không thành công"

# Keycloak's built-in realm roles carry no meaning for the platform.
_BUILTIN_ROLES = frozenset({"offline_access", "uma_authorization"})


@dataclass(frozen=True, slots=True)
class JwtSettings:
    """What the verifier needs; build it from the service's settings."""

    keycloak_url: str
    realm: str = "ansinh"
    leeway_seconds: float = 10.0
    jwks_ttl_seconds: int = 600
    refetch_min_interval_seconds: int = 30
    http_timeout_seconds: float = 3.0
    algorithms: tuple[str, ...] = ("RS256",)
    audience: str | None = None
    """If set, ``aud`` must contain it or ``azp`` must equal it."""
    accepted_token_types: frozenset[str] = field(default_factory=lambda: frozenset({"Bearer"}))
    redis_key_prefix: str = "ansinh:auth:jwks"
    local_cache_seconds: float = 30.0
    """:class:`BlockingTokenVerifier` only: how long the parsed JWKS is reused in memory."""

    @property
    def issuer(self) -> str:
        return f"{self.keycloak_url.rstrip('/')}/realms/{self.realm}"

    @property
    def jwks_url(self) -> str:
        return f"{self.issuer}/protocol/openid-connect/certs"


def _fail(detail: str) -> Unauthenticated:
    return Unauthenticated(detail, title=TITLE)


class _Rules:
    """What both verifiers share: settings, clock, JWKS parsing and the checks of a token."""

    def __init__(self, settings: JwtSettings, clock: Callable[[], float]) -> None:
        self._s = settings
        self._clock = clock
        self._cache_key = f"{settings.redis_key_prefix}:{settings.issuer}"
        self._refetch_key = f"{self._cache_key}:refetch"
        self._parsed: tuple[str, dict[str, jwt.PyJWK]] | None = None
        self.jwks_fetches = 0
        """Number of HTTP fetches of the JWKS made by this verifier (for tests and metrics)."""

    @property
    def settings(self) -> JwtSettings:
        return self._s

    @property
    def cache_key(self) -> str:
        """The Redis key holding the cached JWKS document."""
        return self._cache_key

    def _kid(self, token: str) -> str:
        """The key id of ``token``'s header, after checking the algorithm."""
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError as exc:
            raise _fail(MSG_MALFORMED) from exc
        alg, kid = header.get("alg"), header.get("kid")
        if alg not in self._s.algorithms:
            raise _fail(MSG_BAD_ALGORITHM)
        if not isinstance(kid, str) or not kid:
            raise _fail(MSG_UNKNOWN_KEY)
        return kid

    def _decode(self, token: str, key: jwt.PyJWK) -> dict[str, Any]:
        """Signature, issuer, required claims, time, type and audience of ``token``."""
        try:
            claims: dict[str, Any] = jwt.decode(
                token,
                key=key.key,
                algorithms=list(self._s.algorithms),
                issuer=self._s.issuer,
                options={
                    "verify_exp": False,  # checked below against the injectable clock
                    "verify_nbf": False,
                    "verify_iat": False,
                    "verify_aud": False,
                    "require": ["exp", "iat", "iss", "sub"],
                },
            )
        except jwt.InvalidSignatureError as exc:
            raise _fail(MSG_BAD_SIGNATURE) from exc
        except jwt.InvalidIssuerError as exc:
            raise _fail(MSG_BAD_ISSUER) from exc
        except jwt.MissingRequiredClaimError as exc:
            raise _fail(MSG_MISSING_CLAIM) from exc
        except jwt.PyJWTError as exc:  # DecodeError etc.: a damaged payload or signature
            damaged_signature = "signature" in str(exc).lower()
            raise _fail(MSG_BAD_SIGNATURE if damaged_signature else MSG_MALFORMED) from exc
        self._check_times(claims)
        self._check_type_and_audience(claims)
        return claims

    def _check_times(self, claims: Mapping[str, Any]) -> None:
        now, leeway = self._clock(), self._s.leeway_seconds
        try:
            exp = float(claims["exp"])
            nbf = float(claims.get("nbf", 0) or 0)
        except (TypeError, ValueError) as exc:
            raise _fail(MSG_MALFORMED) from exc
        if now > exp + leeway:
            raise _fail(MSG_EXPIRED)
        if nbf and now + leeway < nbf:
            raise _fail(MSG_NOT_YET_VALID)

    def _check_type_and_audience(self, claims: Mapping[str, Any]) -> None:
        typ = claims.get("typ")
        if typ is not None and typ not in self._s.accepted_token_types:
            raise _fail(MSG_NOT_ACCESS_TOKEN)
        wanted = self._s.audience
        if wanted is None:
            return
        aud = claims.get("aud")
        auds = [aud] if isinstance(aud, str) else list(aud or [])
        if wanted not in auds and claims.get("azp") != wanted:
            raise _fail(MSG_BAD_AUDIENCE)

    def _principal(self, claims: Mapping[str, Any], token: str) -> Principal:
        return claims_to_principal(claims, realm=self._s.realm, token=token)

    def _parse(self, raw: str) -> dict[str, jwt.PyJWK]:
        if self._parsed is not None and self._parsed[0] == raw:
            return self._parsed[1]
        doc = json.loads(raw)
        keys: dict[str, jwt.PyJWK] = {}
        for jwk in doc.get("keys", []):
            if jwk.get("use", "sig") != "sig" or not jwk.get("kid"):
                continue
            if jwk.get("alg") and jwk["alg"] not in self._s.algorithms:
                continue
            try:
                keys[jwk["kid"]] = jwt.PyJWK(jwk)
            except jwt.PyJWTError:
                log.warning("ignoring unusable JWK %s", jwk.get("kid"))
        self._parsed = (raw, keys)
        return keys

    def _fetch_failed(self, exc: Exception) -> Unavailable:
        log.warning("JWKS fetch from %s failed: %s", self._s.jwks_url, exc)
        return Unavailable(MSG_JWKS_UNAVAILABLE)


class TokenVerifier(_Rules):
    """Validates Keycloak access tokens and maps them to a :class:`Principal` (asyncio)."""

    def __init__(
        self,
        settings: JwtSettings,
        redis: Redis[Any],
        http: httpx.AsyncClient,
        *,
        clock: Callable[[], float] = time.time,
    ) -> None:
        super().__init__(settings, clock)
        self._redis = redis
        self._http = http

    async def verify(self, token: str) -> Principal:
        """Return the principal of a valid access token, else raise ``Unauthenticated``."""
        return self._principal(await self.verify_claims(token), token)

    async def verify_claims(self, token: str) -> dict[str, Any]:
        """Validate signature, issuer, time and type of ``token``; return its claims."""
        key = await self._signing_key(self._kid(token))
        return self._decode(token, key)

    async def _signing_key(self, kid: str) -> jwt.PyJWK:
        keys = await self._keys()
        if kid in keys:
            return keys[kid]
        # Unknown kid: Keycloak may have rotated its keys. Refetch once, rate-limited.
        if await self._may_refetch():
            keys = await self._fetch_and_store()
            if kid in keys:
                return keys[kid]
        raise _fail(MSG_UNKNOWN_KEY)

    async def _keys(self) -> dict[str, jwt.PyJWK]:
        raw: str | None = None
        try:
            cached = await self._redis.get(self._cache_key)
            raw = cached.decode() if isinstance(cached, bytes) else cached
        except RedisError:
            log.warning("JWKS cache in Redis unavailable; using the in-process copy")
            if self._parsed is not None:
                return self._parsed[1]
        if raw is not None:
            return self._parse(raw)
        return await self._fetch_and_store()

    async def _may_refetch(self) -> bool:
        try:
            ok = await self._redis.set(
                self._refetch_key, "1", nx=True, ex=self._s.refetch_min_interval_seconds
            )
        except RedisError:
            return False
        return bool(ok)

    async def _fetch_and_store(self) -> dict[str, jwt.PyJWK]:
        self.jwks_fetches += 1
        try:
            resp = await self._http.get(self._s.jwks_url, timeout=self._s.http_timeout_seconds)
            resp.raise_for_status()
            raw = resp.text
            keys = self._parse(raw)
        except (httpx.HTTPError, ValueError) as exc:
            raise self._fetch_failed(exc) from exc
        try:
            await self._redis.set(self._cache_key, raw, ex=self._s.jwks_ttl_seconds)
        except RedisError:
            log.warning("could not cache the JWKS in Redis")
        return keys


class BlockingTokenVerifier(_Rules):
    """The same checks for threaded code (gRPC servers): sync Redis and httpx clients.

    The parsed JWKS is reused in memory for ``local_cache_seconds``, then re-read from Redis
    (shared with the gateway and every replica), then fetched from Keycloak. Thread-safe.
    """

    def __init__(
        self,
        settings: JwtSettings,
        redis: SyncRedis[Any],
        http: httpx.Client,
        *,
        clock: Callable[[], float] = time.time,
    ) -> None:
        super().__init__(settings, clock)
        self._redis = redis
        self._http = http
        self._lock = threading.Lock()
        self._loaded_at = float("-inf")

    def verify(self, token: str) -> Principal:
        """Return the principal of a valid access token, else raise ``Unauthenticated``."""
        return self._principal(self.verify_claims(token), token)

    def verify_claims(self, token: str) -> dict[str, Any]:
        """Validate signature, issuer, time and type of ``token``; return its claims."""
        return self._decode(token, self._signing_key(self._kid(token)))

    def close(self) -> None:
        self._http.close()
        self._redis.close()

    def _signing_key(self, kid: str) -> jwt.PyJWK:
        keys = self._keys()
        if kid in keys:
            return keys[kid]
        with self._lock:
            keys = self._keys()  # another thread may have refetched meanwhile
            if kid not in keys and self._may_refetch():
                keys = self._fetch_and_store()
        if kid in keys:
            return keys[kid]
        raise _fail(MSG_UNKNOWN_KEY)

    def _keys(self) -> dict[str, jwt.PyJWK]:
        parsed = self._parsed
        if parsed is not None and time.monotonic() - self._loaded_at < self._s.local_cache_seconds:
            return parsed[1]
        raw: str | None = None
        try:
            cached = self._redis.get(self._cache_key)
            raw = cached.decode() if isinstance(cached, bytes) else cached
        except RedisError:
            log.warning("JWKS cache in Redis unavailable; using the in-process copy")
            if parsed is not None:
                return parsed[1]
        if raw is not None:
            keys = self._parse(raw)
            self._loaded_at = time.monotonic()
            return keys
        return self._fetch_and_store()

    def _may_refetch(self) -> bool:
        try:
            ok = self._redis.set(
                self._refetch_key, "1", nx=True, ex=self._s.refetch_min_interval_seconds
            )
        except RedisError:
            return False
        return bool(ok)

    def _fetch_and_store(self) -> dict[str, jwt.PyJWK]:
        self.jwks_fetches += 1
        try:
            resp = self._http.get(self._s.jwks_url, timeout=self._s.http_timeout_seconds)
            resp.raise_for_status()
            raw = resp.text
            keys = self._parse(raw)
        except (httpx.HTTPError, ValueError) as exc:
            raise self._fetch_failed(exc) from exc
        self._loaded_at = time.monotonic()
        try:
            self._redis.set(self._cache_key, raw, ex=self._s.jwks_ttl_seconds)
        except RedisError:
            log.warning("could not cache the JWKS in Redis")
        return keys


def _roles(claims: Mapping[str, Any], realm: str) -> tuple[str, ...]:
    found: list[str] = []
    realm_access = claims.get("realm_access")
    sources: list[Iterable[Any]] = []
    if isinstance(realm_access, Mapping):
        sources.append(realm_access.get("roles") or [])
    top = claims.get("roles")
    if isinstance(top, list | tuple):
        sources.append(top)
    elif isinstance(top, str):
        sources.append([top])
    for source in sources:
        for role in source:
            if not isinstance(role, str) or role in found:
                continue
            if role in _BUILTIN_ROLES or role == f"default-roles-{realm}":
                continue
            found.append(role)
    return tuple(found)


def _str_claim(claims: Mapping[str, Any], name: str) -> str | None:
    value = claims.get(name)
    if isinstance(value, list):  # Keycloak user-attribute mappers may emit lists
        value = value[0] if value else None
    return str(value) if value not in (None, "") else None


def claims_to_principal(
    claims: Mapping[str, Any], *, realm: str = "ansinh", token: str | None = None
) -> Principal:
    """Map Keycloak claims to a :class:`Principal` (``token``: the token they came from)."""
    subject = claims.get("sub")
    if not isinstance(subject, str) or not subject:
        raise _fail(MSG_MISSING_CLAIM)
    return Principal(
        subject=subject,
        username=str(claims.get("preferred_username") or ""),
        roles=frozenset(_roles(claims, realm)),
        unit_code=_str_claim(claims, "unit_code"),
        national_id=_str_claim(claims, "national_id"),
        token=token,
        name=_display_name(claims),
    )


def _display_name(claims: Mapping[str, Any]) -> str | None:
    """Family then given names (Vietnamese order), else the ``name`` claim, else ``None``."""
    family, given = _str_claim(claims, "family_name"), _str_claim(claims, "given_name")
    if family and given:
        return f"{family} {given}"
    return _str_claim(claims, "name") or family or given
