"""The authenticated caller and the metadata that proves it on a gRPC call.

A :class:`Principal` is only ever built from a verified Keycloak access token (ADR 0011):
the gateway verifies the user's token and forwards it, unchanged, as
``authorization: Bearer <token>`` on every gRPC call it makes; each service verifies it again
against the realm's JWKS (``ansinh_common.auth.jwt``) in its server interceptor. Workers and
sagas that act for no user send a token of their own Keycloak client (client credentials,
``ansinh_common.auth.client_credentials``).

The former unsigned principal header ``ansinh-principal-bin`` is refused by every service.
"""

from __future__ import annotations

import contextvars
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from ansinh_common.errors import Unauthenticated

AUTHORIZATION_METADATA_KEY = "authorization"
"""gRPC metadata key carrying ``Bearer <access token>`` (lower case, as gRPC requires)."""
PRINCIPAL_METADATA_KEY = "ansinh-principal-bin"
"""The former unsigned principal header; a call that carries it is refused (UNAUTHENTICATED)."""

MSG_NO_TOKEN = "Thiếu mã thông báo truy cập của người gọi."

_current: contextvars.ContextVar[Principal | None] = contextvars.ContextVar(
    "ansinh_principal", default=None
)


@dataclass(frozen=True, slots=True)
class Principal:
    """Who is calling: Keycloak subject, username, realm roles and scope attributes.

    ``token`` is the verified access token the principal was read from; it travels on to the
    services this caller's request reaches. It takes no part in equality and is never printed.
    """

    subject: str
    username: str
    roles: frozenset[str] = field(default_factory=frozenset)
    unit_code: str | None = None
    national_id: str | None = None
    token: str | None = field(default=None, repr=False, compare=False)
    # the person's name for display ("Phạm Thị Dung": family then given names, as the
    # Vietnamese write them), from the token's profile claims; never used to decide anything
    name: str | None = field(default=None, compare=False)

    def has_role(self, *roles: str) -> bool:
        """True if the principal holds any of ``roles``."""
        return not self.roles.isdisjoint(roles)


def call_metadata(
    principal: Principal | None = None, *, token: str | None = None
) -> tuple[tuple[str, str], ...]:
    """The gRPC metadata of a call made on behalf of ``principal`` (or with ``token``).

    The only way outgoing calls carry their caller: ``authorization: Bearer <token>``, the
    token being ``token`` if given, else the one ``principal`` was verified from. A caller
    without a token cannot be vouched for: :class:`Unauthenticated`.
    """
    raw = token or (principal.token if principal is not None else None)
    if not raw:
        raise Unauthenticated(MSG_NO_TOKEN)
    return ((AUTHORIZATION_METADATA_KEY, f"Bearer {raw}"),)


def bearer_token(metadata: Iterable[tuple[str, str | bytes]] | None) -> str | None:
    """The token of the ``authorization: Bearer …`` entry in ``metadata`` (None if absent)."""
    for key, value in metadata or ():
        if key == AUTHORIZATION_METADATA_KEY:
            text = value.decode() if isinstance(value, bytes) else value
            scheme, _, raw = text.strip().partition(" ")
            if scheme.lower() != "bearer" or not raw.strip():
                raise Unauthenticated("Tiêu đề authorization phải có dạng 'Bearer <token>'.")
            return raw.strip()
    return None


def current_principal() -> Principal | None:
    """The principal of the call being handled (or set by :func:`use_principal`)."""
    return _current.get()


def require_principal() -> Principal:
    """The current principal; raises :class:`Unauthenticated` if there is none."""
    principal = _current.get()
    if principal is None:
        raise Unauthenticated()
    return principal


@contextmanager
def use_principal(principal: Principal | None) -> Iterator[Principal | None]:
    """Make ``principal`` current inside the block (gateway per request, tests)."""
    token = _current.set(principal)
    try:
        yield principal
    finally:
        _current.reset(token)
