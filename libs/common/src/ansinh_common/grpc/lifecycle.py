"""Run a server until SIGTERM/SIGINT, then stop it gracefully."""

from __future__ import annotations

import logging
import signal
import threading
import time
from collections.abc import Sequence
from types import FrameType

import grpc

from ansinh_common.grpc.server import health_servicer

_log = logging.getLogger(__name__)


def stop_gracefully(server: grpc.Server, grace: float = 10.0, drain_seconds: float = 0.0) -> None:
    """Health NOT_SERVING first, wait ``drain_seconds`` (load balancers notice), then
    refuse new calls and give in-flight ones ``grace`` seconds. Blocks until stopped."""
    servicer = health_servicer(server)
    if servicer is not None:
        servicer.enter_graceful_shutdown()
    if drain_seconds > 0:
        time.sleep(drain_seconds)
    server.stop(grace).wait()


def serve_forever(
    server: grpc.Server,
    grace: float = 10.0,
    *,
    drain_seconds: float = 0.0,
    signals: Sequence[signal.Signals] = (signal.SIGTERM, signal.SIGINT),
) -> None:
    """Block until the server terminates; ``signals`` trigger :func:`stop_gracefully`.

    Signal handlers are installed only when called from the main thread, and the
    previous handlers are restored on return.
    """
    started = threading.Event()

    def _on_signal(signum: int, _frame: FrameType | None) -> None:
        if started.is_set():
            return
        started.set()
        _log.info("signal %s: stopping gRPC server (grace %.1fs)", signum, grace)
        threading.Thread(
            target=stop_gracefully, args=(server, grace, drain_seconds), name="grpc-stop"
        ).start()

    previous: dict[signal.Signals, object] = {}
    if threading.current_thread() is threading.main_thread():
        for sig in signals:
            previous[sig] = signal.signal(sig, _on_signal)
    try:
        server.wait_for_termination()
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)  # type: ignore[arg-type]
