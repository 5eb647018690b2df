import uuid
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest

from ansinh_common.messaging import (
    Envelope,
    InvalidEnvelopeError,
    from_kafka_headers,
    to_kafka_headers,
    trace_carrier,
)

TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"


def make_envelope(**overrides: Any) -> Envelope:
    fields: dict[str, Any] = {
        "source": "/ansinh/dossier",
        "type": "ansinh.dossier.v1.DossierSubmitted",
        "subject": "d-123",
        "province": "79",
        "data": b"\x08\x01\x12\x03abc",
        "dataschema": "ansinh.dossier.v1.DossierSubmitted",
    }
    fields.update(overrides)
    return Envelope(**fields)


def test_round_trip_keeps_every_attribute() -> None:
    envelope = make_envelope()
    headers = to_kafka_headers(envelope, {"traceparent": TRACEPARENT, "tracestate": "k=v"})
    assert from_kafka_headers(headers, envelope.data) == envelope


def test_binary_mode_header_names_and_values() -> None:
    envelope = make_envelope(
        id=uuid.UUID("12345678-1234-5678-1234-567812345678"),
        time=datetime(2026, 1, 2, 3, 4, 5, 600000, tzinfo=UTC),
    )
    headers = dict(to_kafka_headers(envelope, {"traceparent": TRACEPARENT}))
    assert headers == {
        "ce_specversion": b"1.0",
        "ce_id": b"12345678-1234-5678-1234-567812345678",
        "ce_source": b"/ansinh/dossier",
        "ce_type": b"ansinh.dossier.v1.DossierSubmitted",
        "ce_time": b"2026-01-02T03:04:05.600000Z",
        "ce_subject": b"d-123",
        "ce_province": b"79",
        "ce_dataschema": b"ansinh.dossier.v1.DossierSubmitted",
        "content-type": b"application/protobuf",
        "traceparent": TRACEPARENT.encode(),
    }


def test_trace_carrier_takes_only_trace_headers() -> None:
    headers = to_kafka_headers(make_envelope(), {"traceparent": TRACEPARENT, "other": "x"})
    assert trace_carrier(headers) == {"traceparent": TRACEPARENT}


def test_time_is_normalised_to_utc() -> None:
    hanoi = timezone(timedelta(hours=7))
    envelope = make_envelope(time=datetime(2026, 1, 2, 10, 0, tzinfo=hanoi))
    assert envelope.time == datetime(2026, 1, 2, 3, 0, tzinfo=UTC)
    assert envelope.time.utcoffset() == timedelta(0)


def test_naive_time_is_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        make_envelope(time=datetime(2026, 1, 2))


def test_empty_province_is_refused() -> None:
    with pytest.raises(ValueError, match="province"):
        make_envelope(province="")


def test_missing_headers_are_reported() -> None:
    headers = [(k, v) for k, v in to_kafka_headers(make_envelope()) if k != "ce_province"]
    with pytest.raises(InvalidEnvelopeError, match="ce_province"):
        from_kafka_headers(headers, b"")


def test_other_spec_version_is_refused() -> None:
    headers = [
        (k, b"0.3" if k == "ce_specversion" else v) for k, v in to_kafka_headers(make_envelope())
    ]
    with pytest.raises(InvalidEnvelopeError, match="specversion"):
        from_kafka_headers(headers, b"")


def test_bad_id_is_invalid_envelope() -> None:
    headers = [(k, b"nope" if k == "ce_id" else v) for k, v in to_kafka_headers(make_envelope())]
    with pytest.raises(InvalidEnvelopeError):
        from_kafka_headers(headers, b"")


def test_no_headers_at_all() -> None:
    with pytest.raises(InvalidEnvelopeError):
        from_kafka_headers(None, b"x")
