"""Request-id middleware (pure ASGI): accept or mint ``X-Request-ID``, echo it, log it,
and turn any unhandled exception into a 500 problem+json that still carries the id."""

from __future__ import annotations

import logging
import time

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ansinh_common.errors import DomainError
from gateway.domain.rules import accept_request_id, new_request_id
from gateway.entrypoints.http.problems import problem_response
from gateway.entrypoints.http.request_id import REQUEST_ID_HEADER, request_id_var

log = logging.getLogger("gateway.access")


class RequestIdMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        rid = accept_request_id(Headers(scope=scope).get(REQUEST_ID_HEADER)) or new_request_id()
        scope.setdefault("state", {})["request_id"] = rid
        token = request_id_var.set(rid)
        status, response_started = 500, False
        started = time.perf_counter()

        async def send_with_id(message: Message) -> None:
            nonlocal status, response_started
            if message["type"] == "http.response.start":
                status, response_started = message["status"], True
                headers = MutableHeaders(scope=message)
                headers[REQUEST_ID_HEADER] = rid
                for name, value in scope["state"].get("rate_limit", {}).items():
                    headers[name] = value
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        except Exception:
            log.exception("unhandled error on %s %s", scope["method"], scope["path"])
            if response_started:
                raise
            response = problem_response(DomainError(), instance=scope["path"], request_id=rid)
            await response(scope, receive, send_with_id)
        finally:
            log.info(
                "%s %s %s",
                scope["method"],
                scope["path"],
                status,
                extra={
                    "request_id": rid,
                    "http_method": scope["method"],
                    "http_path": scope["path"],
                    "http_status": status,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 2),
                },
            )
            request_id_var.reset(token)
