"""gRPC interceptors that prove and check who is calling (ADR 0011).

Client: every outgoing call carries ``authorization: Bearer <token>``: the token of the user
whose request is being served (``current_principal().token``), else the calling service's
own client-credentials token, if the channel has one. Server: every call but health checks
must carry a valid Keycloak access token; its verified claims become ``current_principal()``
for the servicer and its use cases. A call without a token, with a forged or expired one, or
with the former unsigned principal header is refused with UNAUTHENTICATED.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Protocol

import grpc

from ansinh_common.auth.client_credentials import ClientCredentials
from ansinh_common.auth.principal import (
    AUTHORIZATION_METADATA_KEY,
    PRINCIPAL_METADATA_KEY,
    Principal,
    bearer_token,
    call_metadata,
    current_principal,
    use_principal,
)
from ansinh_common.errors import Unauthenticated
from ansinh_common.grpc.call_details import CallDetails, DetailsClientInterceptor
from ansinh_common.grpc.handlers import ScopedServerInterceptor

MSG_MISSING = "Yêu cầu không kèm mã thông báo truy cập; dịch vụ không chấp nhận người gọi ẩn danh."
MSG_UNSIGNED = (
    "Thông tin người dùng không có chữ ký (ansinh-principal-bin) không được chấp nhận; "
    "hãy gửi mã thông báo truy cập."
)
OPEN_METHOD_PREFIXES: tuple[str, ...] = ("/grpc.health.v1.Health/",)
"""Methods callable without a token: health checks (kubelet probes, readiness)."""


class TokenCheck(Protocol):
    """Verifies an access token (``ansinh_common.auth.jwt.BlockingTokenVerifier``)."""

    def verify(self, token: str) -> Principal: ...


class PrincipalClientInterceptor(DetailsClientInterceptor):
    """Adds ``authorization`` (the current user's token, else the service's own) unless set."""

    def __init__(self, service_credentials: ClientCredentials | None = None) -> None:
        self._service = service_credentials

    def rewrite(self, details: CallDetails) -> CallDetails:
        if details.has_metadata(AUTHORIZATION_METADATA_KEY):
            return details
        principal = current_principal()
        if principal is not None and principal.token:
            return details.with_metadata(*call_metadata(principal))
        if self._service is not None:
            return details.with_metadata(*call_metadata(token=self._service.token()))
        return details


class PrincipalServerInterceptor(ScopedServerInterceptor):
    """Verifies the caller's token and makes its principal current for the call."""

    def __init__(
        self, verifier: TokenCheck, open_methods: tuple[str, ...] = OPEN_METHOD_PREFIXES
    ) -> None:
        self._verifier = verifier
        self._open = open_methods

    @contextmanager
    def scope(self, method: str, context: grpc.ServicerContext) -> Iterator[None]:
        if method.startswith(self._open):
            with use_principal(None):
                yield
            return
        with use_principal(self.authenticate(context.invocation_metadata())):
            yield

    def authenticate(self, metadata: Iterable[tuple[str, str | bytes]] | None) -> Principal:
        """The verified principal of a call's metadata; ``Unauthenticated`` otherwise."""
        entries = list(metadata or ())
        if any(key == PRINCIPAL_METADATA_KEY for key, _ in entries):
            raise Unauthenticated(MSG_UNSIGNED)
        token = bearer_token(entries)
        if token is None:
            raise Unauthenticated(MSG_MISSING)
        return self._verifier.verify(token)
