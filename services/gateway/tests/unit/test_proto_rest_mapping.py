"""The generic proto ↔ REST mapping: conventions on hand-picked messages, and a round trip of
every message of ``ansinh.registry.v1`` (and of the job messages) filled in every field."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest
from google.protobuf.descriptor import FieldDescriptor
from google.protobuf.message import Message
from google.protobuf.message_factory import GetMessageClass

from ansinh.common.v1 import common_pb2, jobs_pb2
from ansinh.registry.v1 import events_pb2, registry_pb2
from gateway.entrypoints.http.proto_rest.mapping import from_rest, to_rest

F = FieldDescriptor


def _messages(*modules: Any) -> list[type[Message]]:
    return [
        GetMessageClass(d)
        for module in modules
        for d in module.DESCRIPTOR.message_types_by_name.values()
    ]


REGISTRY_MESSAGES = _messages(registry_pb2, events_pb2)


def _fill(message: Message, depth: int = 0, seed: int = 1) -> Message:
    """Every field set to a non-default value (one member of each oneof)."""
    seen_oneofs: set[str] = set()
    for f in list[Any](message.DESCRIPTOR.fields):
        if f.containing_oneof is not None:
            if f.containing_oneof.name in seen_oneofs:
                continue
            seen_oneofs.add(f.containing_oneof.name)
        count = 2 if f.is_repeated else 1
        for i in range(count):
            _set(message, f, depth, seed + i)
    return message


def _set(message: Message, f: Any, depth: int, seed: int) -> None:
    repeated = f.is_repeated
    if f.type == F.TYPE_MESSAGE:
        name = f.message_type.full_name
        target = getattr(message, f.name).add() if repeated else getattr(message, f.name)
        if name == "ansinh.common.v1.Date":
            target.year, target.month, target.day = 2025, 7, seed
        elif name == "ansinh.common.v1.YearMonth":
            target.year, target.month = 2025, seed
        elif name == "google.protobuf.Timestamp":
            target.FromDatetime(datetime(2025, 7, seed, 8, 30, tzinfo=UTC))
        elif name == "google.protobuf.Any":
            target.Pack(registry_pb2.Finding(code="c", field="f", message="m"))
        elif depth < 4:
            _fill(target, depth + 1, seed)
        else:
            target.SetInParent()
        return
    if f.type == F.TYPE_ENUM:
        value: Any = f.enum_type.values[-1].number
    elif f.type == F.TYPE_BOOL:
        value = True
    elif f.type == F.TYPE_BYTES:
        value = bytes([seed, 0, 255])
    elif f.type == F.TYPE_STRING:
        value = '{"a":[1,"ế"]}' if f.name.endswith("_json") else f"{f.name}-{seed} ế"
    else:
        value = 40_000_000_000 + seed if f.type in (F.TYPE_INT64, F.TYPE_UINT64) else seed + 6
    if repeated:
        getattr(message, f.name).append(value)
    else:
        setattr(message, f.name, value)


@pytest.mark.parametrize("cls", REGISTRY_MESSAGES, ids=lambda c: c.DESCRIPTOR.name)
def test_every_registry_message_round_trips_filled(cls: type[Message]) -> None:
    message = _fill(cls())
    assert message.ByteSize() > 0
    assert from_rest(to_rest(message), cls) == message


@pytest.mark.parametrize("cls", REGISTRY_MESSAGES, ids=lambda c: c.DESCRIPTOR.name)
def test_every_registry_message_round_trips_empty(cls: type[Message]) -> None:
    assert from_rest(to_rest(cls()), cls) == cls()


@pytest.mark.parametrize("cls", _messages(jobs_pb2), ids=lambda c: c.DESCRIPTOR.name)
def test_job_messages_round_trip(cls: type[Message]) -> None:
    message = _fill(cls())
    if cls is jobs_pb2.GetJobResultResponse:
        return  # an Any is shown unpacked, never accepted back (see test below)
    assert from_rest(to_rest(message), cls) == message


def test_values_follow_the_conventions() -> None:
    summary = registry_pb2.RecordSummary(
        record_id="r1", version=40_000_000_001, status=registry_pb2.RECORD_STATUS_MOVED_OUT,
        birth_date=common_pb2.Date(year=1990, month=5, day=15),
        start_month=common_pb2.YearMonth(year=2025, month=7), personal_id="",
    )  # fmt: skip
    rest = to_rest(summary)
    assert rest["status"] == "moved_out"
    assert rest["version"] == 40_000_000_001  # a number, not json_format's string
    assert rest["birth_date"] == date(1990, 5, 15)
    assert rest["start_month"] == "2025-07"
    assert rest["end_month"] is None and rest["decision"] is None  # unset messages
    assert rest["personal_id"] == "" and rest["phone"] is None  # optional: set vs unset
    assert rest["residence"] is None and rest["full_name"] == ""


def test_json_fields_are_documents_and_timestamps_datetimes() -> None:
    change = events_pb2.RecordChange(kind="new", details_json='{"coefficient":"1.5"}')
    change.recorded_at.FromDatetime(datetime(2025, 7, 1, 1, 2, 3, tzinfo=UTC))
    rest = to_rest(change)
    assert rest["details"] == {"coefficient": "1.5"} and "details_json" not in rest
    assert rest["recorded_at"] == datetime(2025, 7, 1, 1, 2, 3, tzinfo=UTC)


def test_pages_are_flat() -> None:
    response = registry_pb2.SearchRecordsResponse(
        records=[registry_pb2.RecordSummary(record_id="a")],
        page=common_pb2.PageResponse(next_page_token="t", total=7),
    )
    rest = to_rest(response)
    assert set(rest) == {"items", "next_page_token", "total"}
    assert rest["items"][0]["record_id"] == "a" and rest["total"] == 7
    request = from_rest({"page_size": 2, "page_token": "x", "kinds": ["new"]},
                        registry_pb2.ListChangesRequest)  # fmt: skip
    assert (request.page.page_size, request.page.page_token, list(request.kinds)) == (
        2, "x", ["new"],
    )  # fmt: skip


def test_requests_accept_python_values_and_reject_unknown_fields() -> None:
    request = from_rest(
        {"record_id": "r", "stopped_on": date(2025, 7, 1), "decision": {"number": "1/QĐ"}},
        registry_pb2.StopBenefitRequest,
    )
    assert request.stopped_on == common_pb2.Date(year=2025, month=7, day=1)
    assert request.decision.number == "1/QĐ" and not request.decision.HasField("signed_on")
    assert from_rest({"decision": {}}, registry_pb2.StopBenefitRequest).HasField("decision")
    with pytest.raises(ValueError, match="coefficient"):
        from_rest({"coefficient": "2.0"}, registry_pb2.StopBenefitRequest)
    with pytest.raises(ValueError, match="unknown value"):
        from_rest({"status": "asleep"}, registry_pb2.SearchRecordsRequest)


def test_any_is_shown_unpacked_with_its_type() -> None:
    response = jobs_pb2.GetJobResultResponse()
    response.result.Pack(
        registry_pb2.ImportResult(rows_total=3, mode=registry_pb2.IMPORT_MODE_APPLY_VALID_ONLY)
    )
    rest = to_rest(response)["result"]
    assert rest["@type"].endswith("ansinh.registry.v1.ImportResult")
    assert (rest["rows_total"], rest["mode"]) == (3, "apply_valid_only")
