"""The authenticated caller, passed from the gateway to services in gRPC metadata.

The gateway builds a :class:`Principal` from a verified Keycloak token; services read it
from the metadata key ``ansinh-principal-bin`` (JSON, field names as in
``ansinh.common.v1.Principal``) and re-check scope in their use cases. Services trust this
key only because only the gateway can reach them (mTLS / NetworkPolicy, see ADR 0002).
"""

from __future__ import annotations

import contextvars
import json
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from ansinh_common.errors import Unauthenticated

PRINCIPAL_METADATA_KEY = "ansinh-principal-bin"

_current: contextvars.ContextVar[Principal | None] = contextvars.ContextVar(
    "ansinh_principal", default=None
)


@dataclass(frozen=True, slots=True)
class Principal:
    """Who is calling: Keycloak subject, username, realm roles and scope attributes."""

    subject: str
    username: str
    roles: frozenset[str] = field(default_factory=frozenset)
    unit_code: str | None = None
    national_id: str | None = None

    def has_role(self, *roles: str) -> bool:
        """True if the principal holds any of ``roles``."""
        return not self.roles.isdisjoint(roles)

    def to_bytes(self) -> bytes:
        """Compact JSON (roles sorted, so equal principals encode equally)."""
        doc = {
            "subject": self.subject,
            "username": self.username,
            "roles": sorted(self.roles),
            "unit_code": self.unit_code or "",
            "national_id": self.national_id or "",
        }
        return json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode()

    @classmethod
    def from_bytes(cls, raw: bytes) -> Principal:
        """Parse :meth:`to_bytes` output; raises :class:`Unauthenticated` if malformed."""
        try:
            doc = json.loads(raw)
            roles = doc.get("roles") or []
            if not isinstance(roles, list) or not all(isinstance(r, str) for r in roles):
                raise TypeError("roles")
            subject, username = doc["subject"], doc.get("username", "")
            if not isinstance(subject, str) or not subject or not isinstance(username, str):
                raise TypeError("subject")
            unit, nid = doc.get("unit_code") or None, doc.get("national_id") or None
        except (ValueError, TypeError, KeyError, AttributeError) as exc:
            raise Unauthenticated("Thông tin người dùng gửi kèm yêu cầu không hợp lệ.") from exc
        return cls(subject, username, frozenset(roles), unit, nid)


def principal_metadata(principal: Principal) -> tuple[tuple[str, bytes]]:
    """gRPC metadata carrying ``principal``."""
    return ((PRINCIPAL_METADATA_KEY, principal.to_bytes()),)


def principal_from_metadata(
    metadata: Iterable[tuple[str, str | bytes]] | None,
) -> Principal | None:
    """The principal in ``metadata`` (None if absent; Unauthenticated if malformed)."""
    for key, value in metadata or ():
        if key == PRINCIPAL_METADATA_KEY:
            return Principal.from_bytes(value if isinstance(value, bytes) else value.encode())
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
