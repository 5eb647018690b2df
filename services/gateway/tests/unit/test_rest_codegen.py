"""The REST models are derived from the protos: every proto field has its model field, and
the drift check fails when a committed ``schemas.py`` or a ``rest.toml`` disagrees."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from google.protobuf.message import Message
from pydantic import BaseModel

from ansinh.registry.v1 import events_pb2, registry_pb2
from gateway.entrypoints.http.beneficiaries import schemas as s
from gateway.entrypoints.http.proto_rest import codegen
from gateway.entrypoints.http.proto_rest.conventions import rest_name
from gateway.entrypoints.http.proto_rest.mapping import to_rest

RESOURCE = codegen.HTTP_DIR / "beneficiaries"
BODIES: dict[type[BaseModel], tuple[type[Message], set[str]]] = {
    s.StopBenefitBody: (registry_pb2.StopBenefitRequest, {"record_id", "province_code"}),
    s.RequestMoveBody: (registry_pb2.RequestMoveRequest, {"record_id", "province_code"}),
    s.RegisterBeneficiaryBody: (registry_pb2.RegisterBeneficiaryRequest, set()),
}


def test_committed_models_are_current() -> None:
    assert codegen.main(["--check"]) == 0


@pytest.mark.parametrize("model", BODIES, ids=lambda m: m.__name__)
def test_bodies_have_every_proto_field_but_the_url_ones(model: type[BaseModel]) -> None:
    message, path = BODIES[model]
    fields = {rest_name(f) for f in message.DESCRIPTOR.fields}
    assert set(model.model_fields) == fields - path


RESPONSES: dict[type[BaseModel], type[Message]] = {
    s.RecordSummary: registry_pb2.RecordSummary,
    s.GetRecordResponse: registry_pb2.GetRecordResponse,
    s.RecordChange: events_pb2.RecordChange,
    s.ImportResult: registry_pb2.ImportResult,
    s.SearchRecordsResponse: registry_pb2.SearchRecordsResponse,
}


@pytest.mark.parametrize("model", RESPONSES, ids=lambda m: m.__name__)
def test_responses_have_every_field_the_mapping_gives(model: type[BaseModel]) -> None:
    rest = to_rest(RESPONSES[model]())
    assert set(model.model_fields) == set(rest)
    assert model.model_validate(rest).model_dump() == rest


def _copy(tmp_path: Path) -> Path:
    target = tmp_path / "beneficiaries"
    target.mkdir()
    for name in ("rest.toml", "schemas.py"):
        shutil.copy(RESOURCE / name, target / name)
    return target


def test_check_fails_when_a_model_lost_a_field(tmp_path: Path) -> None:
    target = _copy(tmp_path)
    assert codegen.main(["--check"], root=tmp_path) == 0
    schemas = target / "schemas.py"
    text = schemas.read_text(encoding="utf-8")
    schemas.write_text(text.replace("    reason: str = Field(", "    reasons: str = Field(", 1))
    assert codegen.main(["--check"], root=tmp_path) == 1


def test_check_fails_when_the_texts_name_a_field_the_proto_lacks(tmp_path: Path) -> None:
    target = _copy(tmp_path)
    toml = target / "rest.toml"
    extra = '\n[texts."ansinh.registry.v1.ChangeEntry"]\nseverity = { description = "Mức độ." }\n'
    toml.write_text(toml.read_text(encoding="utf-8") + extra, encoding="utf-8")
    assert codegen.main(["--check"], root=tmp_path) == 1


def test_a_message_without_fields_gives_a_valid_model() -> None:
    """A field-less request (here ``google.protobuf.Empty``) needs no ``_doc`` work-around."""
    from google.protobuf import empty_pb2  # noqa: F401  (registers the message)

    spec = codegen.Spec(
        resource="t", protos=[], bodies={"google.protobuf.Empty": []}, queries={},
        responses=["google.protobuf.Empty"], texts={},
    )  # fmt: skip
    namespace: dict[str, object] = {}
    exec(compile(codegen.Generator(spec).render(), "<generated>", "exec"), namespace)
    body = namespace["EmptyBody"]
    assert isinstance(body, type) and issubclass(body, BaseModel)
    assert body.model_validate({}).model_dump() == {}
    assert body.__doc__ == codegen.EMPTY_DOC["in"]


def test_a_number_beyond_the_proto_range_is_a_named_422() -> None:
    """A REST amount beyond int64 (found by the fuzz test) names its field, never a 500."""
    from ansinh.payment.v1 import payment_pb2
    from ansinh_common.errors import InvalidInput
    from gateway.entrypoints.http.proto_rest.mapping import from_rest

    with pytest.raises(InvalidInput) as caught:
        from_rest({"new_amount_vnd": 10**22}, payment_pb2.AddAdjustmentRequest)
    assert [e.field for e in caught.value.errors] == ["new_amount_vnd"]
