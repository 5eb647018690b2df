"""Pure rules: rate-limit arithmetic and request-id acceptance."""

from __future__ import annotations

import pytest

from gateway.domain.model import CheckResult, RateLimitPolicy, ReadinessReport
from gateway.domain.readiness import required
from gateway.domain.rules import accept_request_id, decide, new_request_id


def test_decide_within_and_over_the_limit() -> None:
    policy = RateLimitPolicy(limit=3, window_seconds=60)
    assert decide(policy, 1, 59_500).allowed
    third = decide(policy, 3, 30_000)
    assert third.allowed and third.remaining == 0 and third.reset_seconds == 30
    fourth = decide(policy, 4, 12_001)
    assert not fourth.allowed and fourth.reset_seconds == 13 and fourth.remaining == 0


def test_decide_clamps_reset_to_the_window() -> None:
    policy = RateLimitPolicy(limit=1, window_seconds=10)
    assert decide(policy, 2, -1).reset_seconds == 10
    assert decide(policy, 2, 1).reset_seconds == 1
    assert decide(policy, 2, 99_000).reset_seconds == 10


def test_policy_must_be_positive() -> None:
    with pytest.raises(ValueError):
        RateLimitPolicy(limit=0, window_seconds=1)


@pytest.mark.parametrize(
    ("given", "accepted"),
    [
        ("abc-123", "abc-123"),
        ("  0f8c2a:req.7  ", "0f8c2a:req.7"),
        ("", None),
        (None, None),
        ("bad id with spaces", None),
        ("x" * 129, None),
        ("evil\r\nSet-Cookie: a=b", None),
    ],
)
def test_accept_request_id(given: str | None, accepted: str | None) -> None:
    assert accept_request_id(given) == accepted


def test_new_request_ids_are_unique_and_acceptable() -> None:
    ids = {new_request_id() for _ in range(100)}
    assert len(ids) == 100 and all(accept_request_id(i) == i for i in ids)


def test_readiness_report() -> None:
    report = ReadinessReport((CheckResult("redis", True), CheckResult("grpc:registry", False, "x")))
    assert not report.ready and [c.name for c in report.failed] == ["grpc:registry"]


def test_redis_and_keycloak_fail_open_but_backends_are_required() -> None:
    assert not required("redis") and not required("keycloak_jwks")
    assert required("grpc:registry")
    report = ReadinessReport(
        (CheckResult("redis", False, "refused", required=False), CheckResult("grpc:registry", True))
    )
    assert report.ready and report.degraded
    assert not ReadinessReport((CheckResult("grpc:registry", False, "NOT_SERVING"),)).ready
