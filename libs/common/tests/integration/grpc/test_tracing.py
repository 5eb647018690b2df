"""Client and server spans of one call form one trace (W3C traceparent in metadata)."""

from __future__ import annotations

from collections.abc import Callable

import grpc
from opentelemetry import trace
from opentelemetry.trace import SpanKind

from ansinh_common.grpc.client import make_channel
from ansinh_common.telemetry.testing import in_memory_exporter
from ansinh_common.testing import Servers
from ansinh_common.testing_keycloak import service_credentials_for

Rpc = Callable[[grpc.Channel, str], grpc.UnaryUnaryMultiCallable]


def test_server_span_is_child_of_client_span(server_port: int, rpc: Rpc, servers: Servers) -> None:
    creds = service_credentials_for(servers.keycloak_url)
    spans = in_memory_exporter()
    with (
        make_channel(f"127.0.0.1:{server_port}", service_credentials=creds) as channel,
        trace.get_tracer("test").start_as_current_span("request") as root,
    ):
        rpc(channel, "Echo")({})
    finished = spans.get_finished_spans()
    client = next(s for s in finished if s.kind is SpanKind.CLIENT)
    server = next(s for s in finished if s.kind is SpanKind.SERVER)
    trace_id = root.get_span_context().trace_id
    assert client.context.trace_id == server.context.trace_id == trace_id
    assert client.parent is not None and client.parent.span_id == root.get_span_context().span_id
    assert server.parent is not None and server.parent.span_id == client.context.span_id
    assert server.name == "/ansinh.test.v1.TestService/Echo"
