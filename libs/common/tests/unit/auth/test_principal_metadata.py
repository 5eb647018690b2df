"""Principal ↔ gRPC metadata and the current-principal context."""

from __future__ import annotations

import pytest

from ansinh_common.auth import (
    PRINCIPAL_METADATA_KEY,
    Principal,
    current_principal,
    principal_from_metadata,
    principal_metadata,
    require_principal,
    use_principal,
)
from ansinh_common.auth.grpc_interceptors import PrincipalClientInterceptor
from ansinh_common.errors import Unauthenticated
from ansinh_common.grpc.call_details import CallDetails

OFFICER = Principal(
    subject="8d1c-uuid",
    username="canbo.phuong.badinh",
    roles=frozenset({"commune_officer", "leader"}),
    unit_code="00004",
)
CITIZEN = Principal("c-1", "nguyen.van.a", frozenset({"citizen"}), national_id="001099012345")


@pytest.mark.parametrize("principal", [OFFICER, CITIZEN])
def test_round_trip(principal: Principal) -> None:
    metadata: list[tuple[str, str | bytes]] = [("user-agent", "x"), *principal_metadata(principal)]
    assert principal_from_metadata(metadata) == principal


def test_encoding_is_stable_and_unicode() -> None:
    p = Principal("s", "Trần Thị Bình", frozenset({"b", "a"}))
    assert p.to_bytes() == Principal("s", "Trần Thị Bình", frozenset({"a", "b"})).to_bytes()
    assert Principal.from_bytes(p.to_bytes()).username == "Trần Thị Bình"


def test_absent_is_none_and_malformed_is_unauthenticated() -> None:
    assert principal_from_metadata([("x", "y")]) is None
    assert principal_from_metadata(None) is None
    for bad in (b"not json", b"[]", b'{"username": "x"}', b'{"subject": "s", "roles": "admin"}'):
        with pytest.raises(Unauthenticated):
            principal_from_metadata([(PRINCIPAL_METADATA_KEY, bad)])


def test_context_and_require() -> None:
    assert current_principal() is None
    with pytest.raises(Unauthenticated):
        require_principal()
    with use_principal(OFFICER):
        assert require_principal() is OFFICER
        assert OFFICER.has_role("leader", "ministry_officer")
    assert current_principal() is None


def test_client_interceptor_adds_the_current_principal() -> None:
    details = CallDetails("/a.B/C", 1.0, None, None, None, None)
    interceptor = PrincipalClientInterceptor()
    assert interceptor.rewrite(details) is details
    with use_principal(CITIZEN):
        out = interceptor.rewrite(details)
        assert principal_from_metadata(out.metadata) == CITIZEN
        explicit = details.with_metadata(*principal_metadata(OFFICER))
        assert principal_from_metadata(interceptor.rewrite(explicit).metadata) == OFFICER
