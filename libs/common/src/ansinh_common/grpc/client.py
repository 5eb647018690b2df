"""Client channels: always a deadline, the caller's token, OTel, retries only if idempotent."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

import grpc
from opentelemetry.instrumentation.grpc import client_interceptor
from opentelemetry.instrumentation.grpc.grpcext import intercept_channel as otel_intercept

from ansinh_common.auth.client_credentials import ClientCredentials
from ansinh_common.auth.grpc_interceptors import PrincipalClientInterceptor
from ansinh_common.grpc.deadline import DEFAULT_TIMEOUT_SECONDS, DeadlineClientInterceptor

ClientInterceptor = Any
"""A ``grpc.{Unary,Stream}{Unary,Stream}ClientInterceptor`` (grpc ships no type hints)."""


def _method_name(name: str) -> dict[str, str]:
    service, _, method = name.lstrip("/").partition("/")
    if not service:
        raise ValueError(f"not a gRPC service or method name: {name!r}")
    return {"service": service, "method": method} if method else {"service": service}


def retry_service_config(
    idempotent_methods: Iterable[str],
    *,
    max_attempts: int = 4,
    initial_backoff: float = 0.1,
    max_backoff: float = 2.0,
    backoff_multiplier: float = 2.0,
) -> str:
    """gRPC service config retrying ``idempotent_methods`` on UNAVAILABLE with backoff.

    Names are ``pkg.Service/Method`` (or ``/pkg.Service/Method``) or a whole ``pkg.Service``.
    Every other method is never retried.
    """
    names = [_method_name(n) for n in idempotent_methods]
    if not names:
        return json.dumps({"methodConfig": []})
    policy = {
        "maxAttempts": max_attempts,
        "initialBackoff": f"{initial_backoff}s",
        "maxBackoff": f"{max_backoff}s",
        "backoffMultiplier": backoff_multiplier,
        "retryableStatusCodes": ["UNAVAILABLE"],
    }
    return json.dumps({"methodConfig": [{"name": names, "retryPolicy": policy}]})


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
    access token (the current user's, else ``service_credentials``' own) and the W3C trace
    context; only ``idempotent_methods`` are retried."""
    config = retry_service_config(idempotent_methods, max_attempts=max_attempts)
    opts = [("grpc.enable_retries", 1), ("grpc.service_config", config), *options]
    if credentials is None:
        base = grpc.insecure_channel(target, options=opts)
    else:
        base = grpc.secure_channel(target, credentials, options=opts)
    traced: grpc.Channel = otel_intercept(base, client_interceptor())  # type: ignore[no-untyped-call]
    return grpc.intercept_channel(
        traced,
        DeadlineClientInterceptor(default_timeout),
        PrincipalClientInterceptor(service_credentials),
        *interceptors,
    )
