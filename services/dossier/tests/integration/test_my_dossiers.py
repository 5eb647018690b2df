"""``ListMyDossiers`` over gRPC with real Keycloak tokens and real PostgreSQL (several shards): the
citizen's own dossiers from every shard, newest first, paged; another citizen's dossiers are
never listed; an officer has no "own dossiers" list; a bad page token is a field error."""

from __future__ import annotations

import datetime as dt
import itertools
import json
from collections.abc import Callable, Iterator

import grpc
import pytest

from ansinh.dossier.v1 import dossier_pb2, dossier_pb2_grpc
from ansinh_common.auth.principal import Principal, use_principal
from ansinh_common.catalogs.personal_id import make_personal_id
from ansinh_common.grpc.client import make_channel
from ansinh_common.grpc.problem import error_from_rpc
from ansinh_common.testing_keycloak import KeycloakTestUsers
from dossier.bootstrap import bootstrap
from dossier.domain.clock import TIMEZONE
from dossier.entrypoints.grpc_server import start
from dossier.service_layer.ports import PopulationRecord

from .dossier_cluster import (
    APPLICANT_ID,
    COMMUNE,
    LAN,
    FakePopulation,
    NotPoor,
    lan_values,
    settings_for,
)

pytestmark = pytest.mark.integration
MINH_ID = make_personal_id("001", "male", 1948, 7654)
MINH = PopulationRecord(MINH_ID, "Trần Văn Minh", dt.date(1948, 5, 6), "male")
OTHER_SHARD_COMMUNE = "01273"  # Phường Thục Phán, Cao Bằng (province 04, not on Hà Nội's shard)

LAN_CITIZEN = Principal("my-lan", "my.lan", frozenset({"citizen"}), None, APPLICANT_ID)
MINH_CITIZEN = Principal("my-minh", "my.minh", frozenset({"citizen"}), None, MINH_ID)
DESK = Principal("my-desk", "my.motcua", frozenset({"commune_officer"}), COMMUNE)

Stub = dossier_pb2_grpc.DossierServiceStub


@pytest.fixture
def stub(make_database: Callable[[str], str]) -> Iterator[Stub]:
    minutes = itertools.count()
    start_at = dt.datetime(2026, 3, 2, 8, tzinfo=TIMEZONE)
    service = bootstrap(
        settings_for(make_database),
        population=FakePopulation(LAN, MINH),
        poverty=NotPoor(),
        clock=lambda: start_at + dt.timedelta(minutes=next(minutes)),
    )
    assert len(service.deps.shard_provinces) == len(service.settings.shards)  # one per shard
    server, port = start(service)
    channel = make_channel(f"127.0.0.1:{port}", default_timeout=60.0)
    try:
        yield Stub(channel)
    finally:
        channel.close()
        server.stop(0).wait()
        service.close()


def _submit(stub: Stub, who: Principal, values: dict[str, object]) -> str:
    request = dossier_pb2.SubmitDossierRequest(
        procedure_id="tro-cap-xa-hoi-hang-thang",
        purpose_id="grant_allowance",
        form_id="1b",
        values_json=json.dumps(values),
    )
    with use_principal(who):
        made: dossier_pb2.DossierView = stub.SubmitDossier(request)
    return made.dossier_id


def _mine(stub: Stub, who: Principal, size: int = 0, token: str = "") -> tuple[list[str], str]:
    with use_principal(who):
        answer = stub.ListMyDossiers(
            dossier_pb2.ListMyDossiersRequest(page_size=size, page_token=token)
        )
    return [d.dossier_id for d in answer.dossiers], answer.next_page_token


def test_a_citizen_lists_only_their_own_dossiers_newest_first(
    stub: Stub, signed_in: KeycloakTestUsers
) -> None:
    lan, minh, desk = (signed_in(p) for p in (LAN_CITIZEN, MINH_CITIZEN, DESK))
    minh_values = lan_values(
        full_name="Trần Văn Minh", birth_date="1948-05-06", gender="male", personal_id=MINH_ID
    )
    lan_first = _submit(stub, lan, lan_values())
    minh_only = _submit(stub, minh, minh_values)
    lan_second = _submit(stub, lan, lan_values(OTHER_SHARD_COMMUNE, hamlet="Tổ 3"))
    lan_third = _submit(stub, lan, lan_values())
    assert {lan_first[:2], lan_second[:2]} == {"01", "04"}  # two shards

    first, token = _mine(stub, lan, size=2)
    assert first == [lan_third, lan_second] and token
    rest, last = _mine(stub, lan, size=2, token=token)
    assert rest == [lan_first] and last == ""
    assert minh_only not in first + rest
    assert _mine(stub, minh) == ([minh_only], "")

    with use_principal(lan):
        answer = stub.ListMyDossiers(dossier_pb2.ListMyDossiersRequest(page_size=1))
    shown = answer.dossiers[0]
    assert shown.status and shown.procedure and shown.state == "submitted"
    assert (shown.submitted_on.year, shown.submitted_on.month) == (2026, 3)

    with use_principal(desk), pytest.raises(grpc.RpcError) as refused:
        stub.ListMyDossiers(dossier_pb2.ListMyDossiersRequest())
    assert refused.value.code() is grpc.StatusCode.PERMISSION_DENIED
    with use_principal(lan), pytest.raises(grpc.RpcError) as bad:
        stub.ListMyDossiers(dossier_pb2.ListMyDossiersRequest(page_token="abc"))
    assert bad.value.code() is grpc.StatusCode.INVALID_ARGUMENT
    assert [e.field for e in error_from_rpc(bad.value).errors] == ["page_token"]
