"""``Call``: the backend client bound to one request (principal, client address, deadline).

    async def stop_benefit(..., body: s.StopBenefitBody, call: Call) -> Any:
        return (await call(REGISTRY.StopBenefit, body, record_id=record_id))["record"]

``call(rpc, body, **fields)`` maps the REST body (plus path fields) to the request message,
calls the backend and maps the answer back (``proto_rest.mapping``); ``call.message(rpc,
request)`` works on messages. A failed call becomes its domain error here, the one place
(problem+json with the backend's Vietnamese detail and field paths).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Annotated, Any, TypeVar

import grpc
from fastapi import Depends, Request
from google.protobuf.message import Message
from pydantic import BaseModel

from ansinh_common.auth.principal import Principal, call_metadata
from ansinh_common.grpc.request_context import ROUTE_KEY, current_request_context
from gateway.adapters.backends import Backends, Rpc
from gateway.entrypoints.http.dependencies import (
    Credentials,
    CurrentPrincipal,
    GatewayDep,
    client_ip,
)
from gateway.entrypoints.http.problems import error_from_grpc
from gateway.entrypoints.http.proto_rest.mapping import from_rest, to_rest

CLIENT_ADDRESS_METADATA_KEY = "ansinh-client-address"
Req = TypeVar("Req", bound=Message)
Resp = TypeVar("Resp", bound=Message)


@dataclass(frozen=True)
class Caller:
    backends: Backends
    principal: Principal
    token: str | None
    """The request's raw bearer token, for backends that verify the caller themselves."""
    client_address: str
    deadline_seconds: float

    def metadata(self) -> tuple[tuple[str, str | bytes], ...]:
        where = current_request_context()  # the route, for the backends' read audits
        route = ((ROUTE_KEY, where.route),) if where is not None else ()
        return (
            *call_metadata(self.principal, token=self.token),
            (CLIENT_ADDRESS_METADATA_KEY, self.client_address),
            *route,
        )

    async def message(
        self, rpc: Rpc[Req, Resp], request: Req, *, timeout: float | None = None
    ) -> Resp:
        try:
            return await self.backends.call(
                rpc, request, metadata=self.metadata(), timeout=timeout or self.deadline_seconds
            )
        except grpc.aio.AioRpcError as exc:
            raise error_from_grpc(exc) from None

    async def __call__(
        self, rpc: Rpc[Any, Any], body: BaseModel | Mapping[str, Any] | None = None, **fields: Any
    ) -> dict[str, Any]:
        """The REST answer of ``rpc`` for a REST body (plus the URL's ``fields``)."""
        return to_rest(await self.message(rpc, self.request(rpc, body, **fields)))

    @staticmethod
    def request(
        rpc: Rpc[Req, Resp], body: BaseModel | Mapping[str, Any] | None = None, **fields: Any
    ) -> Req:
        """The request message of ``rpc`` for a REST body (plus the URL's ``fields``)."""
        if isinstance(body, BaseModel):
            data = body.model_dump(exclude_none=True)
        else:
            data = dict(body or {})
        data.update({k: v for k, v in fields.items() if v is not None})
        return from_rest(data, rpc.request)


async def caller(
    request: Request, principal: CurrentPrincipal, gateway: GatewayDep, creds: Credentials
) -> Caller:
    settings = gateway.settings
    return Caller(
        backends=gateway.backends,
        principal=principal,
        token=creds.credentials if creds is not None else None,
        client_address=client_ip(request, settings.trust_forwarded_for),
        deadline_seconds=settings.grpc_deadline_seconds,
    )


Call = Annotated[Caller, Depends(caller)]
