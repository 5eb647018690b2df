"""``python -m payment``: settings from the environment, ``bootstrap``, serve (ADR 0013)."""

from __future__ import annotations

from typing import Any

from ansinh_common.auth.wiring import token_verifier
from ansinh_common.grpc.server import create_server
from ansinh_common.runtime import serve
from payment.bootstrap import PaymentApp, bootstrap
from payment.config import PaymentSettings


def start(app: PaymentApp, port: int = 0, host: str = "127.0.0.1") -> tuple[Any, int]:
    """A started server for ``app`` (tests; ``port=0``: any free port); callers are verified
    against the realm of ``app.settings`` (ADR 0011)."""
    return create_server(
        app.servicers, port, verifier=token_verifier(app.settings), host=host,
        service_names=list(app.service_names), options=list(app.grpc_options),
    )  # fmt: skip


def main() -> None:
    app = bootstrap(PaymentSettings())
    if app.jobs is not None:  # jobs of a runner that went silent (a previous run): failed now
        app.jobs.store.fail_interrupted(app.jobs.stale_seconds)
    serve(app)
