"""FastAPI dependencies: the wired gateway, the authenticated principal, rate limiting.

Use ``CurrentPrincipal`` in a route signature to require a valid Keycloak access token::

    @router.get("/things")
    def list_things(principal: CurrentPrincipal) -> ...
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from ansinh_common.auth.principal import Principal, use_principal
from ansinh_common.errors import Unauthenticated
from ansinh_common.grpc.request_context import RequestContext, set_request_context
from gateway.bootstrap import Gateway
from gateway.domain.errors import RateLimited
from gateway.domain.model import RateLimitDecision

MSG_MISSING_TOKEN = "Thiếu mã thông báo truy cập (tiêu đề Authorization: Bearer <token>)."
MSG_DISABLED = "Tài khoản đã bị khóa; liên hệ đơn vị quản lý tài khoản."

bearer_scheme = HTTPBearer(
    auto_error=False,
    scheme_name="KeycloakBearer",
    description="Mã thông báo truy cập (access token) do Keycloak realm `ansinh` cấp.",
)


def get_gateway(request: Request) -> Gateway:
    gateway: Gateway = request.app.state.gateway
    return gateway


GatewayDep = Annotated[Gateway, Depends(get_gateway)]
Credentials = Annotated[HTTPAuthorizationCredentials | None, Depends(bearer_scheme)]


async def authenticate(request: Request, gateway: Gateway, creds: Credentials) -> Principal:
    """Verify the bearer token once per request (the outcome is kept on request.state)."""
    cached = getattr(request.state, "auth_outcome", None)
    if cached is None:
        try:
            if creds is None or not creds.credentials:
                raise Unauthenticated(MSG_MISSING_TOKEN)
            cached = await gateway.verifier.verify(creds.credentials)
            disabled = gateway.disabled_accounts
            if disabled is not None and await disabled.is_disabled(cached.subject):
                raise Unauthenticated(MSG_DISABLED)
        except Unauthenticated as err:
            cached = err
        request.state.auth_outcome = cached
    if isinstance(cached, Unauthenticated):
        raise cached
    assert isinstance(cached, Principal)
    return cached


async def current_principal(
    request: Request, gateway: GatewayDep, creds: Credentials
) -> AsyncIterator[Principal]:
    """The caller; 401 problem+json if the token is missing, invalid or expired.

    The principal is also made current (``ansinh_common.auth.principal``) so that gRPC
    calls to backends carry its verified access token (ADR 0011).
    """
    principal = await authenticate(request, gateway, creds)
    with use_principal(principal):
        yield principal


CurrentPrincipal = Annotated[Principal, Depends(current_principal)]


def client_ip(request: Request, trust_forwarded_for: bool) -> str:
    if trust_forwarded_for:
        forwarded = request.headers.get("x-forwarded-for", "")
        first = forwarded.split(",")[0].strip()
        if first:
            return first
    return request.client.host if request.client else "unknown"


async def rate_limit(request: Request, gateway: GatewayDep, creds: Credentials) -> None:
    """Count the request against the caller's window: per principal when the token is
    valid, otherwise per client IP. Over the limit: 429 problem+json with Retry-After."""
    limiter = gateway.rate_limiter
    if limiter is None:
        return
    try:
        identity = "sub:" + (await authenticate(request, gateway, creds)).subject
    except Unauthenticated:
        identity = "ip:" + client_ip(request, gateway.settings.trust_forwarded_for)
    decision = await limiter.check(identity)
    # the middleware adds them to whatever response leaves (a route's own Response, an error)
    request.state.rate_limit = rate_limit_headers(decision)
    if decision is not None and not decision.allowed:
        raise RateLimited(decision.reset_seconds)


def rate_limit_headers(decision: RateLimitDecision | None) -> dict[str, str]:
    """The ``RateLimit-*`` headers (IETF draft) of a decision."""
    if decision is None:
        return {}
    return {
        "RateLimit-Limit": str(decision.limit),
        "RateLimit-Remaining": str(decision.remaining),
        "RateLimit-Reset": str(decision.reset_seconds),
    }


async def request_context(request: Request, gateway: GatewayDep) -> None:
    """Tell the backends where the request came from and which route it took (their read
    and account audits record both; ``ansinh_common.grpc.request_context``)."""
    route = request.scope.get("route")
    template = getattr(route, "path_format", request.url.path)
    set_request_context(
        RequestContext(
            client_ip(request, gateway.settings.trust_forwarded_for),
            f"{request.method} {template}",
        )
    )
