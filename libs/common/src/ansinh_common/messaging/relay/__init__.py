"""Outbox relay (library class and ``python -m`` entry point)."""

from ansinh_common.messaging.relay.core import CRASH_AFTER_SEND_ENV, OutboxRelay

__all__ = ["CRASH_AFTER_SEND_ENV", "OutboxRelay"]
