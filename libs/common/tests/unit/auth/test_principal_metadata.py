"""The caller's token in gRPC metadata, the current-principal context, and the server check."""

from __future__ import annotations

import pytest

from ansinh_common.auth import (
    PRINCIPAL_METADATA_KEY,
    Principal,
    bearer_token,
    call_metadata,
    current_principal,
    require_principal,
    use_principal,
)
from ansinh_common.auth.grpc_interceptors import (
    PrincipalClientInterceptor,
    PrincipalServerInterceptor,
)
from ansinh_common.errors import Unauthenticated
from ansinh_common.grpc.call_details import CallDetails

OFFICER = Principal(
    subject="8d1c-uuid",
    username="canbo.phuong.badinh",
    roles=frozenset({"commune_officer", "leader"}),
    unit_code="00004",
    token="officer.jwt.sig",
)
CITIZEN = Principal(
    "c-1", "nguyen.van.a", frozenset({"citizen"}), national_id="001099012345", token="c.jwt.s"
)


class FakeVerifier:
    """Accepts exactly the tokens it knows (the real one is tested against Keycloak)."""

    def __init__(self, *known: Principal) -> None:
        self.known = {p.token: p for p in known}

    def verify(self, token: str) -> Principal:
        if token not in self.known:
            raise Unauthenticated("Chữ ký không hợp lệ.")
        return self.known[token]


def test_call_metadata_carries_the_token_not_the_principal() -> None:
    assert call_metadata(OFFICER) == (("authorization", "Bearer officer.jwt.sig"),)
    assert call_metadata(token="other") == (("authorization", "Bearer other"),)
    assert bearer_token([("user-agent", "x"), *call_metadata(CITIZEN)]) == "c.jwt.s"
    assert bearer_token([("x", "y")]) is None and bearer_token(None) is None


def test_a_principal_without_token_cannot_call() -> None:
    with pytest.raises(Unauthenticated):
        call_metadata(Principal("s", "u"))
    with pytest.raises(Unauthenticated):
        bearer_token([("authorization", "Basic dXNlcjpwYXNz")])


def test_token_is_neither_printed_nor_compared() -> None:
    assert "officer.jwt.sig" not in repr(OFFICER)
    same = Principal(OFFICER.subject, OFFICER.username, OFFICER.roles, OFFICER.unit_code)
    assert same == OFFICER


def test_use_principal_scopes_and_require() -> None:
    assert current_principal() is None
    with pytest.raises(Unauthenticated):
        require_principal()
    with use_principal(OFFICER):
        assert require_principal() is OFFICER
        with use_principal(None):
            assert current_principal() is None
        assert current_principal() is OFFICER
    assert current_principal() is None


def test_client_interceptor_sends_the_current_users_token() -> None:
    interceptor = PrincipalClientInterceptor()
    details = CallDetails("/x.Y/Z", 1.0, (), None, None, None)
    assert interceptor.rewrite(details).metadata == ()
    with use_principal(CITIZEN):
        out = interceptor.rewrite(details)
        assert bearer_token(out.metadata) == "c.jwt.s"
        explicit = details.with_metadata(*call_metadata(OFFICER))
        assert bearer_token(interceptor.rewrite(explicit).metadata) == "officer.jwt.sig"


def test_server_check_refuses_unsigned_missing_and_unknown() -> None:
    check = PrincipalServerInterceptor(FakeVerifier(OFFICER))
    assert check.authenticate(call_metadata(OFFICER)) is OFFICER
    unsigned: list[tuple[str, str | bytes]] = [
        (PRINCIPAL_METADATA_KEY, b'{"subject":"x","roles":["system_admin"]}')
    ]
    attempts: list[list[tuple[str, str | bytes]] | None] = [
        unsigned,
        [*unsigned, *call_metadata(OFFICER)],
        [],
        None,
    ]
    for metadata in attempts:
        with pytest.raises(Unauthenticated):
            check.authenticate(metadata)
    with pytest.raises(Unauthenticated):
        check.authenticate(call_metadata(token="forged"))
