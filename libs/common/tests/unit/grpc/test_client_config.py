"""Retry service config and the deadline interceptor, without a server."""

from __future__ import annotations

import json
import time

import pytest

from ansinh_common.grpc import deadline
from ansinh_common.grpc.call_details import CallDetails
from ansinh_common.grpc.client import retry_service_config
from ansinh_common.grpc.deadline import DeadlineClientInterceptor


def test_only_named_methods_get_a_retry_policy() -> None:
    config = json.loads(
        retry_service_config(["/ansinh.registry.v1.RegistryService/GetHousehold", "ansinh.x.v1.S"])
    )
    (method_config,) = config["methodConfig"]
    assert method_config["name"] == [
        {"service": "ansinh.registry.v1.RegistryService", "method": "GetHousehold"},
        {"service": "ansinh.x.v1.S"},
    ]
    assert method_config["retryPolicy"]["retryableStatusCodes"] == ["UNAVAILABLE"]
    assert method_config["retryPolicy"]["maxAttempts"] == 4
    assert json.loads(retry_service_config([])) == {"methodConfig": []}
    with pytest.raises(ValueError):
        retry_service_config(["/"])


def _details(timeout: float | None) -> CallDetails:
    return CallDetails("/a.B/C", timeout, None, None, None, None)


def test_deadline_is_always_set() -> None:
    interceptor = DeadlineClientInterceptor(5.0)
    assert interceptor.rewrite(_details(None)).timeout == 5.0
    assert interceptor.rewrite(_details(30.0)).timeout == 30.0
    with pytest.raises(ValueError):
        DeadlineClientInterceptor(0)


def test_inherited_deadline_caps_the_timeout() -> None:
    token = deadline._deadline.set(time.monotonic() + 1.0)
    try:
        timeout = DeadlineClientInterceptor(5.0).rewrite(_details(None)).timeout
        assert timeout is not None and 0.9 < timeout <= 1.0
    finally:
        deadline._deadline.reset(token)
    assert deadline.remaining_time() is None
