"""A JSON test service served in-process by ``create_server`` (no generated protos)."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import grpc
import pytest
from sqlalchemy.exc import OperationalError

from ansinh_common.auth import current_principal
from ansinh_common.errors import FieldError, InvalidInput, NotFound
from ansinh_common.grpc.deadline import remaining_time
from ansinh_common.grpc.server import create_server
from ansinh_common.testing import Servers
from ansinh_common.testing_keycloak import verifier_for

SERVICE = "ansinh.test.v1.TestService"


def dumps(obj: Any) -> bytes:
    return json.dumps(obj, ensure_ascii=False).encode()


def loads(raw: bytes) -> Any:
    return json.loads(raw)


class TestServicer:
    """Behaviors of the test service; counters for the retry tests."""

    __test__ = False

    def __init__(self) -> None:
        self.calls: dict[str, int] = {}
        self._lock = threading.Lock()

    def _count(self, name: str) -> int:
        with self._lock:
            self.calls[name] = self.calls.get(name, 0) + 1
            return self.calls[name]

    def echo(self, request: Any, context: grpc.ServicerContext) -> Any:
        p = current_principal()
        return {
            "echo": request,
            "principal": None if p is None else {"subject": p.subject, "roles": sorted(p.roles)},
            "remaining": remaining_time(),
        }

    def slow(self, request: Any, context: grpc.ServicerContext) -> Any:
        time.sleep(float(request.get("seconds", 1.0)))
        return {"slept": request.get("seconds", 1.0)}

    def fail(self, request: Any, context: grpc.ServicerContext) -> Any:
        kind = request.get("kind")
        if kind == "invalid":
            raise InvalidInput(
                "Hồ sơ có trường không hợp lệ.",
                errors=[FieldError("members[0].national_id", "Số CCCD phải có 12 chữ số.")],
            )
        if kind == "not_found":
            raise NotFound("Không tìm thấy hồ sơ số 42.")
        if kind == "db_down":
            params = {"p": "001090012345"}
            raise OperationalError("SELECT secret", params, ConnectionError("refused"))
        if kind == "abort":
            context.abort(grpc.StatusCode.RESOURCE_EXHAUSTED, "tự hủy")
        raise RuntimeError("secret internal detail")

    def flaky(self, request: Any, context: grpc.ServicerContext) -> Any:
        name = request["counter"]
        if self._count(name) <= int(request.get("failures", 1)):
            context.abort(grpc.StatusCode.UNAVAILABLE, "tạm thời không khả dụng")
        return {"attempts": self.calls[name]}

    def items(self, request: Any, context: grpc.ServicerContext) -> Iterator[Any]:
        for i in range(int(request["n"])):
            yield {"i": i}
        if request.get("fail"):
            raise NotFound("Hết dữ liệu.")


def generic_handler(servicer: TestServicer) -> grpc.GenericRpcHandler:
    def unary(fn: Callable[..., Any]) -> grpc.RpcMethodHandler:
        return grpc.unary_unary_rpc_method_handler(
            fn, request_deserializer=loads, response_serializer=dumps
        )

    return grpc.method_handlers_generic_handler(
        SERVICE,
        {
            "Echo": unary(servicer.echo),
            "Slow": unary(servicer.slow),
            "Fail": unary(servicer.fail),
            "GetFlaky": unary(servicer.flaky),
            "CreateFlaky": unary(servicer.flaky),
            "Items": grpc.unary_stream_rpc_method_handler(
                servicer.items, request_deserializer=loads, response_serializer=dumps
            ),
        },
    )


def add_test_service(servicer: TestServicer, server: grpc.Server) -> None:
    server.add_generic_rpc_handlers((generic_handler(servicer),))


@pytest.fixture(scope="module")
def servicer() -> TestServicer:
    return TestServicer()


@pytest.fixture(scope="module")
def server_port(servicer: TestServicer, servers: Servers) -> Iterator[int]:
    server, port = create_server(
        [(add_test_service, servicer)], 0, host="127.0.0.1", service_names=[SERVICE],
        verifier=verifier_for(servers.keycloak_url, servers.redis_url),
    )  # fmt: skip
    yield port
    server.stop(None)


def method(channel: grpc.Channel, name: str) -> grpc.UnaryUnaryMultiCallable:
    return channel.unary_unary(
        f"/{SERVICE}/{name}", request_serializer=dumps, response_deserializer=loads
    )


@pytest.fixture
def rpc() -> Callable[[grpc.Channel, str], grpc.UnaryUnaryMultiCallable]:
    """``rpc(channel, "Echo")`` → the JSON multicallable (test files cannot import conftest)."""
    return method
