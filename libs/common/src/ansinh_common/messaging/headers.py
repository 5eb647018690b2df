"""CloudEvents Kafka protocol binding, binary mode: envelope ⇄ Kafka headers.

Attributes travel as ``ce_<name>`` headers (UTF-8), ``datacontenttype`` as ``content-type``,
the record value is the payload. W3C ``traceparent``/``tracestate`` travel beside them.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from datetime import datetime

from ansinh_common.messaging.envelope import SPEC_VERSION, Envelope
from ansinh_common.messaging.errors import InvalidEnvelopeError

KafkaHeaders = list[tuple[str, bytes]]
TRACE_HEADERS = ("traceparent", "tracestate")
CONTENT_TYPE = "content-type"


def format_time(value: datetime) -> str:
    """RFC 3339 in UTC with a ``Z`` suffix."""
    return value.isoformat(timespec="microseconds").replace("+00:00", "Z")


def to_kafka_headers(envelope: Envelope, trace: Mapping[str, str] | None = None) -> KafkaHeaders:
    """Headers for ``envelope`` (plus ``traceparent``/``tracestate`` taken from ``trace``)."""
    attrs = {
        "ce_specversion": SPEC_VERSION,
        "ce_id": str(envelope.id),
        "ce_source": envelope.source,
        "ce_type": envelope.type,
        "ce_time": format_time(envelope.time),
        "ce_subject": envelope.subject,
        "ce_province": envelope.province,
        CONTENT_TYPE: envelope.datacontenttype,
    }
    if envelope.dataschema is not None:
        attrs["ce_dataschema"] = envelope.dataschema
    for name in TRACE_HEADERS:
        if trace and trace.get(name):
            attrs[name] = trace[name]
    return [(k, v.encode()) for k, v in attrs.items()]


def headers_to_dict(headers: Sequence[tuple[str, bytes | str | None]] | None) -> dict[str, str]:
    """Decode Kafka headers to text (the last value wins for repeated names)."""
    decoded: dict[str, str] = {}
    for key, value in headers or ():
        if value is None:
            continue
        decoded[key] = value.decode() if isinstance(value, bytes) else value
    return decoded


def trace_carrier(headers: Sequence[tuple[str, bytes | str | None]] | None) -> dict[str, str]:
    """The W3C trace-context headers only, as an OpenTelemetry carrier."""
    decoded = headers_to_dict(headers)
    return {k: decoded[k] for k in TRACE_HEADERS if k in decoded}


def from_kafka_headers(
    headers: Sequence[tuple[str, bytes | str | None]] | None, value: bytes | None
) -> Envelope:
    """Rebuild the envelope of a binary-mode message; raises InvalidEnvelopeError."""
    h = headers_to_dict(headers)
    if h.get("ce_specversion") != SPEC_VERSION:
        raise InvalidEnvelopeError(f"unsupported ce_specversion {h.get('ce_specversion')!r}")
    missing = [
        k
        for k in ("ce_id", "ce_source", "ce_type", "ce_time", "ce_subject", "ce_province")
        if not h.get(k)
    ]
    if missing:
        raise InvalidEnvelopeError(f"missing CloudEvents headers: {', '.join(missing)}")
    try:
        return Envelope(
            id=uuid.UUID(h["ce_id"]),
            source=h["ce_source"],
            type=h["ce_type"],
            time=datetime.fromisoformat(h["ce_time"]),
            subject=h["ce_subject"],
            province=h["ce_province"],
            datacontenttype=h.get(CONTENT_TYPE, "application/octet-stream"),
            dataschema=h.get("ce_dataschema"),
            data=value or b"",
        )
    except ValueError as exc:
        raise InvalidEnvelopeError(str(exc)) from exc
