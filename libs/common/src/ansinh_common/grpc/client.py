"""Client channels: always a deadline, the caller's token, OTel, retries only if idempotent,
and a quick return to a restarted backend (:func:`channel_options`, ADR 0008)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

import grpc
from opentelemetry.instrumentation.grpc import aio_client_interceptors, client_interceptor
from opentelemetry.instrumentation.grpc.grpcext import intercept_channel as otel_intercept

from ansinh_common.auth.client_credentials import ClientCredentials
from ansinh_common.auth.grpc_interceptors import PrincipalClientInterceptor
from ansinh_common.grpc.deadline import DEFAULT_TIMEOUT_SECONDS, DeadlineClientInterceptor
from ansinh_common.grpc.request_context import RequestContextClientInterceptor

ClientInterceptor = Any
"""A ``grpc.{Unary,Stream}{Unary,Stream}ClientInterceptor`` (grpc ships no type hints)."""


def _method_name(name: str) -> dict[str, str]:
    service, _, method = name.lstrip("/").partition("/")
    if not service:
        raise ValueError(f"not a gRPC service or method name: {name!r}")
    return {"service": service, "method": method} if method else {"service": service}


RECONNECT_INITIAL_BACKOFF_MS = 100
RECONNECT_MAX_BACKOFF_MS = 500
"""Reconnect attempts to a lost backend every 0.1 s growing to 0.5 s (gRPC's defaults, 1 s
growing to 120 s, left the gateway 4.5–7 s behind a backend restarted in 2 s)."""


def retry_service_config(
    idempotent_methods: Iterable[str],
    *,
    max_attempts: int = 4,
    initial_backoff: float = 0.1,
    max_backoff: float = 2.0,
    backoff_multiplier: float = 2.0,
    wait_for_ready: bool = False,
) -> str:
    """gRPC service config retrying ``idempotent_methods`` on UNAVAILABLE with backoff.

    Names are ``pkg.Service/Method`` (or ``/pkg.Service/Method``) or a whole ``pkg.Service``.
    Every other method is never retried. With ``wait_for_ready`` every call (any method) waits,
    within its deadline, for the backend to be reachable instead of failing at once while the
    channel reconnects.
    """
    names = [_method_name(n) for n in idempotent_methods]
    configs: list[dict[str, Any]] = []
    if wait_for_ready:
        configs.append({"name": [{}], "waitForReady": True})  # the default of every method
    if names:
        policy = {
            "maxAttempts": max_attempts,
            "initialBackoff": f"{initial_backoff}s",
            "maxBackoff": f"{max_backoff}s",
            "backoffMultiplier": backoff_multiplier,
            "retryableStatusCodes": ["UNAVAILABLE"],
        }
        config: dict[str, Any] = {"name": names, "retryPolicy": policy}
        if wait_for_ready:
            config["waitForReady"] = True
        configs.append(config)
    return json.dumps({"methodConfig": configs})


def channel_options(
    idempotent_methods: Iterable[str] = (),
    *,
    max_attempts: int = 4,
    wait_for_ready: bool = True,
    options: Sequence[tuple[str, Any]] = (),
) -> list[tuple[str, Any]]:
    """The options of every channel to a backend, blocking or ``grpc.aio`` alike
    (``grpc.insecure_channel(target, options=channel_options(...))``):

    * retries of ``idempotent_methods`` only (:func:`retry_service_config`);
    * wait-for-ready within the call's deadline, so a call made while the backend restarts
      is sent as soon as it serves instead of failing with UNAVAILABLE;
    * reconnect backoff of 0.1 s up to 0.5 s and DNS re-resolution after 1 s, so that a
      restarted backend is used within a second of serving;
    * then ``options`` (message sizes, …), which win over the above.
    """
    config = retry_service_config(
        idempotent_methods, max_attempts=max_attempts, wait_for_ready=wait_for_ready
    )
    return [
        ("grpc.enable_retries", 1),
        ("grpc.service_config", config),
        ("grpc.initial_reconnect_backoff_ms", RECONNECT_INITIAL_BACKOFF_MS),
        ("grpc.min_reconnect_backoff_ms", RECONNECT_INITIAL_BACKOFF_MS),
        ("grpc.max_reconnect_backoff_ms", RECONNECT_MAX_BACKOFF_MS),
        ("grpc.dns_min_time_between_resolutions_ms", 1000),
        *options,
    ]


def make_channel(
    target: str,
    *,
    interceptors: Sequence[ClientInterceptor] = (),
    default_timeout: float = DEFAULT_TIMEOUT_SECONDS,
    idempotent_methods: Iterable[str] = (),
    max_attempts: int = 4,
    credentials: grpc.ChannelCredentials | None = None,
    options: Sequence[tuple[str, Any]] = (),
    service_credentials: ClientCredentials | None = None,
) -> grpc.Channel:
    """A channel to ``target`` whose calls carry a deadline (``default_timeout`` unless
    the caller gives one, capped by the deadline of the call being served), the caller's
    access token (the current user's, else ``service_credentials``' own), the request context
    (client address, route) and the W3C trace context; only ``idempotent_methods`` are retried;
    options from :func:`channel_options` (wait-for-ready, quick reconnects)."""
    opts = channel_options(idempotent_methods, max_attempts=max_attempts, options=options)
    if credentials is None:
        base = grpc.insecure_channel(target, options=opts)
    else:
        base = grpc.secure_channel(target, credentials, options=opts)
    traced: grpc.Channel = otel_intercept(base, client_interceptor())  # type: ignore[no-untyped-call]
    return grpc.intercept_channel(
        traced,
        DeadlineClientInterceptor(default_timeout),
        PrincipalClientInterceptor(service_credentials),
        RequestContextClientInterceptor(),
        *interceptors,
    )


def aio_channel(
    target: str,
    *,
    idempotent_methods: Iterable[str] = (),
    max_attempts: int = 4,
    credentials: grpc.ChannelCredentials | None = None,
    options: Sequence[tuple[str, Any]] = (),
) -> grpc.aio.Channel:
    """An asyncio channel to ``target`` (the gateway's backend client) with the same retry
    policy and trace propagation as ``make_channel``. asyncio channels take no context-bound
    interceptors, so the caller passes the deadline (``timeout=``) and the principal
    metadata (``ansinh_common.auth.principal.call_metadata``) on every call. Options
    from :func:`channel_options` (wait-for-ready, quick reconnects), as for ``make_channel``."""
    opts = channel_options(idempotent_methods, max_attempts=max_attempts, options=options)
    traced = aio_client_interceptors()  # type: ignore[no-untyped-call]
    if credentials is None:
        return grpc.aio.insecure_channel(target, options=opts, interceptors=traced)
    return grpc.aio.secure_channel(target, credentials, options=opts, interceptors=traced)
