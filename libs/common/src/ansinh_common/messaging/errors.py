"""Errors raised by the messaging plumbing."""

from __future__ import annotations


class InvalidEnvelopeError(ValueError):
    """A Kafka message does not carry a valid CloudEvents binary-mode envelope."""
