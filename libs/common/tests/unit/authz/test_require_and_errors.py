"""``require`` raises PermissionDenied (403) with the decision's Vietnamese reason."""

from __future__ import annotations

import grpc
import pytest

from ansinh_common.auth.principal import Principal
from ansinh_common.authz import (
    AccessDenied,
    Action,
    ReasonCode,
    Resource,
    UnitTree,
    decide,
    require,
)
from ansinh_common.errors import PermissionDenied, to_problem_json
from ansinh_common.grpc.status import grpc_status_for


def test_require_returns_the_decision_when_allowed(units: UnitTree) -> None:
    officer = Principal("s", "u", frozenset({"province_officer"}), "01")
    decision = require(officer, Action.WRITE, Resource("00004", "2025"), units=units)
    assert decision.allowed and decision.code is ReasonCode.IN_SCOPE


def test_require_raises_permission_denied(units: UnitTree) -> None:
    officer = Principal("s", "u", frozenset({"commune_officer"}), "00004")
    with pytest.raises(PermissionDenied) as caught:
        require(officer, Action.DECIDE, Resource("00004", "2025"), units=units)
    err = caught.value
    assert isinstance(err, AccessDenied)
    assert err.decision.code is ReasonCode.ACTION_NOT_PERMITTED
    assert "phê duyệt, ra quyết định" in err.detail
    assert err.title == "Không có quyền truy cập"
    assert grpc_status_for(err) is grpc.StatusCode.PERMISSION_DENIED
    assert to_problem_json(err)["code"] == "permission_denied"


@pytest.mark.parametrize(
    ("roles", "unit", "code"),
    [
        (frozenset(), "01", ReasonCode.NO_ROLE),
        (frozenset({"offline_access", "uma_authorization"}), "01", ReasonCode.NO_ROLE),
        (frozenset({"province_officer"}), None, ReasonCode.MISSING_UNIT),
        (frozenset({"province_officer"}), "", ReasonCode.MISSING_UNIT),
        (frozenset({"commune_officer"}), "01", ReasonCode.ROLE_UNIT_MISMATCH),
        (frozenset({"province_leader"}), "VN", ReasonCode.ROLE_UNIT_MISMATCH),
        (frozenset({"ministry_officer"}), "01", ReasonCode.ROLE_UNIT_MISMATCH),
        (frozenset({"province_officer"}), "0l", ReasonCode.ROLE_UNIT_MISMATCH),
    ],
)
def test_misconfigured_accounts_are_refused(
    units: UnitTree, roles: frozenset[str], unit: str | None, code: ReasonCode
) -> None:
    decision = decide(
        Principal("s", "u", roles, unit), Action.READ, Resource("00004", "2025"), units=units
    )
    assert (decision.allowed, decision.code) == (False, code)
    assert decision.reason


def test_decisions_are_falsy_when_refused(units: UnitTree) -> None:
    nobody = Principal("s", "u")
    assert not decide(nobody, Action.READ, Resource("01", "2025"), units=units)
