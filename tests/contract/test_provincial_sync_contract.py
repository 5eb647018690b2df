"""The provincial sync's contract: the AsyncAPI document, the dossier service and the
provincial-portal simulator name the same topics and messages, and each decodes what the other
encodes (both through proto/ansinh/dossier/v1/provincial.proto)."""

from __future__ import annotations

import datetime as dt
import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml

from ansinh_common.catalogs.personal_id import make_personal_id
from ansinh_common.messaging import Envelope, dlq_topic_name, from_kafka_headers, to_kafka_headers
from dossier.adapters import provincial_messages as wire
from dossier.config import DossierSettings
from dossier.domain.provincial_status import shipped_mapping
from dossier.domain.stages import Action, Stage

ROOT = Path(__file__).resolve().parents[2]
DOC = yaml.safe_load((ROOT / "docs/asyncapi/provincial-sync.yaml").read_text(encoding="utf-8"))
PREFIX = DossierSettings.model_fields["provincial_topic_prefix"].default


def _simulator() -> ModuleType:
    path = ROOT / "infra/simulators/provincial_portal/server.py"
    spec = importlib.util.spec_from_file_location("provincial_portal_sim", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


SIM = _simulator()


def address(channel: str, province: str) -> str:
    return str(DOC["channels"][channel]["address"]).replace("{province}", province)


def message_of(channel: str) -> dict[str, Any]:
    (ref,) = [m["$ref"] for m in DOC["channels"][channel]["messages"].values()]
    return dict(DOC["components"]["messages"][ref.rsplit("/", 1)[1]])


@pytest.mark.parametrize("province", ["01", "79", "96"])
def test_the_document_names_the_topics_the_service_and_the_simulator_use(province: str) -> None:
    inbound = wire.inbound_topic(PREFIX, province)
    assert address("provincialInbound", province) == inbound == SIM.inbound_topic(PREFIX, province)
    assert address("provincialInboundDeadLetter", province) == dlq_topic_name(inbound)
    outbound = wire.outbound_topic(PREFIX, province)
    assert address("provincialOutbound", province) == outbound
    assert re.fullmatch(SIM.outbound_pattern(PREFIX), outbound)
    assert not re.fullmatch(SIM.outbound_pattern(PREFIX), inbound)
    assert wire.province_of_topic(PREFIX, outbound) == province


def test_the_document_names_the_messages_the_code_sends_and_they_are_in_the_proto() -> None:
    proto = (ROOT / "proto/ansinh/dossier/v1/provincial.proto").read_text(encoding="utf-8")
    pairs = {
        "provincialInbound": (wire.INBOUND_TYPE, SIM.INBOUND_TYPE),
        "provincialInboundDeadLetter": (wire.INBOUND_TYPE, SIM.INBOUND_TYPE),
        "provincialOutbound": (wire.OUTBOUND_TYPE, SIM.OUTBOUND_TYPE),
    }
    for channel, (service_type, simulator_type) in pairs.items():
        message = message_of(channel)
        assert message["name"] == message["x-proto-message"] == service_type == simulator_type
        assert message["payload"]["schema"] == service_type
        assert message["x-proto-file"] == "proto/ansinh/dossier/v1/provincial.proto"
        assert f"message {service_type.rsplit('.', 1)[1]} {{" in proto
    required = set(DOC["components"]["schemas"]["CloudEventsHeaders"]["required"])
    sample = Envelope(source="s", type="t", subject="x", province="01", data=b"")
    assert required <= {k for k, _ in to_kafka_headers(sample)}


def test_what_the_simulator_submits_the_service_decodes_field_by_field() -> None:
    body = {
        "province_code": "01",
        "provincial_code": "HNI-2026-000123",
        "procedure_code": "1.001776",
        "procedure_id": "tro-cap-xa-hoi-hang-thang",
        "purpose": "grant_allowance",
        "form": "1a",
        "commune_code": "00004",
        "channel": 1,
        "submitted_at": "2026-11-27T08:30:00+07:00",
        "applicant": {
            "personal_id": make_personal_id("01", "female", 1941, 7),
            "full_name": "Trần Thị Bình",
            "birth_date": "1941-02-03",
            "gender": "female",
        },
        "values": {"full_name": "Trần Thị Bình", "members": [{"relation": "con"}]},
        "due_on": "2026-12-10",
    }
    topic, key, value, headers, event_id = SIM.submission_record(SIM.build_submission(body), PREFIX)
    envelope = from_kafka_headers(headers, value)
    assert (topic, key) == (wire.inbound_topic(PREFIX, "01"), "HNI-2026-000123")
    assert str(envelope.id) == event_id
    assert envelope.province == "01"
    dossier = wire.decode_inbound(envelope)
    assert (dossier.provincial_code, dossier.province_code, dossier.procedure_code) == (
        "HNI-2026-000123", "01", "1.001776",
    )  # fmt: skip
    assert (dossier.procedure_id, dossier.purpose, dossier.form) == (
        "tro-cap-xa-hoi-hang-thang", "grant_allowance", "1a",
    )  # fmt: skip
    assert (dossier.commune_code, dossier.channel) == ("00004", 1)
    assert dossier.submitted_at == dt.datetime(2026, 11, 27, 1, 30, tzinfo=dt.UTC)
    assert dossier.applicant is not None
    assert dossier.applicant.personal_id == body["applicant"]["personal_id"]  # type: ignore[index]
    assert (dossier.applicant.full_name, dossier.applicant.gender) == ("Trần Thị Bình", "female")
    assert dossier.applicant.birth_date == dt.date(1941, 2, 3)
    assert dossier.values == body["values"]
    assert dossier.due_on == dt.date(2026, 12, 10)


def test_what_the_service_publishes_the_simulator_reads_field_by_field() -> None:
    change = wire.StatusChange(
        dossier_id="01-3f1c",
        dossier_code="000.04.01.H26-261127-0001",
        provincial_code="HNI-2026-000123",
        procedure_code="1.001776",
        province_code="01",
        unit_code="00004",
        state=Stage.IN_REVIEW.value,
        action=Action.RECEIVE.value,
        actor_subject="kc-123",
        actor_username="xa.badinh",
        actor_unit="00004",
        at=dt.datetime(2026, 11, 27, 2, 0, tzinfo=dt.UTC),
        due_on=dt.date(2026, 12, 8),
        note="",
    )
    status = shipped_mapping().status(Stage.IN_REVIEW, Action.RECEIVE)
    source = Envelope(source="ansinh/dossier", type=wire.STATUS_CHANGED_TYPE, subject="01-3f1c",
                      province="01", data=b"")  # fmt: skip
    envelope = wire.outbound_envelope(source, wire.encode_status_update(change, status))
    topic = wire.outbound_topic(PREFIX, "01")
    seen = SIM.decode_status(topic, to_kafka_headers(envelope), envelope.data)
    again = wire.outbound_envelope(source, wire.encode_status_update(change, status))
    assert seen.event_id == str(envelope.id) == str(again.id)  # a redelivery keeps its id
    assert (seen.status_code, seen.status_label) == (2, "Được tiếp nhận")
    assert (seen.provincial_code, seen.dossier_code, seen.dossier_id) == (
        "HNI-2026-000123", "000.04.01.H26-261127-0001", "01-3f1c",
    )  # fmt: skip
    assert (seen.state, seen.action, seen.actor_subject, seen.actor_unit) == (
        "in_review", "receive", "kc-123", "00004",
    )  # fmt: skip
    assert seen.acted_at == "2026-11-27T02:00:00+00:00"
    assert seen.due_on == "2026-12-08"
