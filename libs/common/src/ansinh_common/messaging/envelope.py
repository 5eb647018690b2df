"""The CloudEvents 1.0 envelope every event carries.

``time`` is always stored and sent in **UTC** (RFC 3339 with ``Z``): CloudEvents and the
``google.protobuf.Timestamp`` of ``ansinh.common.v1.EventEnvelope`` are UTC; local
Asia/Ho_Chi_Minh time is a presentation concern.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime

SPEC_VERSION = "1.0"
PROTOBUF_CONTENT_TYPE = "application/protobuf"


def _now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True, kw_only=True)
class Envelope:
    """One event: CloudEvents context attributes plus the serialized protobuf payload."""

    source: str
    type: str
    subject: str
    province: str
    data: bytes
    id: uuid.UUID = field(default_factory=uuid.uuid4)
    time: datetime = field(default_factory=_now)
    datacontenttype: str = PROTOBUF_CONTENT_TYPE
    dataschema: str | None = None

    def __post_init__(self) -> None:
        if self.time.tzinfo is None or self.time.utcoffset() is None:
            raise ValueError("Envelope.time must be timezone-aware")
        if self.time.utcoffset() != UTC.utcoffset(None):
            object.__setattr__(self, "time", self.time.astimezone(UTC))
        for name in ("source", "type", "subject", "province"):
            if not getattr(self, name):
                raise ValueError(f"Envelope.{name} must not be empty")
