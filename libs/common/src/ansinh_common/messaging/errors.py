"""Errors raised by the messaging plumbing."""

from __future__ import annotations


class InvalidEnvelopeError(ValueError):
    """A Kafka message does not carry a valid CloudEvents binary-mode envelope."""


class UnprocessableMessage(ValueError):  # noqa: N818
    """The message itself is bad (malformed, refused by a rule): a handler raises it to send
    the message to the dead-letter topic at once, without retries, with this reason."""
