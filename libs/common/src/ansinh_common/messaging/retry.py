"""Retry policy of the inbox consumer."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.exc import DisconnectionError, InterfaceError, OperationalError


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """``max_attempts`` tries with exponential backoff, then the message is dead-lettered.

    Transient infrastructure errors (database unreachable) never dead-letter: the consumer
    seeks back and keeps retrying the same message, keeping the partition's order.
    """

    max_attempts: int = 5
    initial_backoff_s: float = 0.2
    max_backoff_s: float = 5.0

    def backoff_s(self, attempt: int) -> float:
        """Pause after failed attempt number ``attempt`` (1-based)."""
        return float(min(self.max_backoff_s, self.initial_backoff_s * 2 ** (attempt - 1)))


def is_transient(error: BaseException) -> bool:
    """Errors that say the database is unavailable, not that the message is bad."""
    return isinstance(error, OperationalError | InterfaceError | DisconnectionError)
