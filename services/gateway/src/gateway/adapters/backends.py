"""The gateway's one gRPC client: asyncio channels to every backend (``grpc.aio``).

``Rpc`` names one method of a proto service on one backend; ``Backends.call`` sends a
request with the caller's metadata and a deadline. Channels come from
``ansinh_common.grpc.client.aio_channel`` (retry policy for idempotent reads, traces).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from types import ModuleType
from typing import Any, Generic, TypeVar

import grpc
from google.protobuf.message import Message
from google.protobuf.message_factory import GetMessageClass

from ansinh.common.v1 import jobs_pb2
from ansinh.dossier.v1 import dossier_pb2
from ansinh.identity.v1 import identity_pb2
from ansinh.payment.v1 import payment_pb2
from ansinh.poverty.v1 import poverty_pb2
from ansinh.registry.v1 import registry_pb2
from ansinh_common.errors import Unavailable
from ansinh_common.grpc.client import aio_channel

Req = TypeVar("Req", bound=Message)
Resp = TypeVar("Resp", bound=Message)
Metadata = Sequence[tuple[str, str | bytes]]

PROTO_MODULES: tuple[ModuleType, ...] = (
    registry_pb2,
    identity_pb2,
    poverty_pb2,
    payment_pb2,
    dossier_pb2,
    jobs_pb2,
)
"""Proto modules whose services the gateway calls (reads among them are retried)."""
IDEMPOTENT_PREFIXES = ("Get", "List", "Search", "Export", "Check")
MSG_NOT_CONFIGURED = "Dịch vụ {name} chưa được cấu hình trên cổng API."


@dataclass(frozen=True)
class Rpc(Generic[Req, Resp]):
    """One unary method of a proto service, served by ``backend``."""

    backend: str
    service: str
    method: str
    request: type[Req]
    response: type[Resp]

    def on(self, backend: str) -> Rpc[Req, Resp]:
        """The same method on another backend (``JobService`` is served by every service)."""
        return Rpc(backend, self.service, self.method, self.request, self.response)

    @property
    def path(self) -> str:
        return f"/{self.service}/{self.method}"

    @property
    def openapi(self) -> dict[str, Any]:
        """``openapi_extra`` of the route serving it (read by the routing contract test)."""
        return {"x-grpc-method": self.path}


class Service:
    """The methods of one proto service on one backend: ``REGISTRY.rpc("StopBenefit")``."""

    def __init__(self, module: ModuleType, name: str, backend: str) -> None:
        self.descriptor = module.DESCRIPTOR.services_by_name[name]
        self.backend = backend

    def typed(self, method: str, request: type[Req], response: type[Resp]) -> Rpc[Req, Resp]:
        """The method with its generated message classes (checked against the proto)."""
        found = self.rpc(method)
        if (found.request, found.response) != (request, response):
            raise TypeError(f"{found.path} takes {found.request} and returns {found.response}")
        return Rpc(self.backend, found.service, found.method, request, response)

    def rpc(self, method: str) -> Rpc[Message, Message]:
        m = self.descriptor.methods_by_name[method]
        return Rpc(
            self.backend, self.descriptor.full_name, m.name,
            GetMessageClass(m.input_type), GetMessageClass(m.output_type),
        )  # fmt: skip


def idempotent_methods(modules: Iterable[ModuleType] = PROTO_MODULES) -> list[str]:
    """``pkg.Service/Method`` of every read (by name) of the given proto modules."""
    return [
        f"{service.full_name}/{method.name}"
        for module in modules
        for service in module.DESCRIPTOR.services_by_name.values()
        for method in service.methods
        if method.name.startswith(IDEMPOTENT_PREFIXES)
    ]


class Backends:
    """One asyncio channel per backend, shared by every route and request."""

    def __init__(
        self, targets: Mapping[str, str], *, options: Sequence[tuple[str, Any]] = ()
    ) -> None:
        reads = idempotent_methods()
        self.channels: dict[str, grpc.aio.Channel] = {
            name: aio_channel(target, idempotent_methods=reads, options=options)
            for name, target in targets.items()
        }

    def channel(self, backend: str) -> grpc.aio.Channel:
        found = self.channels.get(backend)
        if found is None:
            raise Unavailable(MSG_NOT_CONFIGURED.format(name=backend))
        return found

    async def call(
        self, rpc: Rpc[Req, Resp], request: Req, *, metadata: Metadata, timeout: float
    ) -> Resp:
        """Send ``request``; a failure raises ``grpc.aio.AioRpcError`` (mapped by the caller)."""
        method = self.channel(rpc.backend).unary_unary(
            rpc.path,
            request_serializer=rpc.request.SerializeToString,
            response_deserializer=rpc.response.FromString,
        )
        response: Resp = await method(request, metadata=metadata, timeout=timeout)
        return response

    async def close(self) -> None:
        for channel in self.channels.values():
            await channel.close()
