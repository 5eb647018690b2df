"""The dossier API over gRPC with real Keycloak tokens and real PostgreSQL: a two-level
dossier from a citizen's submission to the result; policy fields, out-of-order actions, the
wrong unit and segregation of duties refused; the applicant's Vietnamese history; the queue;
the posting list without HIV information."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator
from typing import Any

import grpc
import pytest

from ansinh.dossier.v1 import dossier_pb2, dossier_pb2_grpc
from ansinh_common.auth.principal import Principal, use_principal
from ansinh_common.grpc.client import make_channel
from ansinh_common.testing_keycloak import KeycloakTestUsers
from dossier.entrypoints.grpc_server import start

from .dossier_cluster import APPLICANT_ID, COMMUNE, fixed, lan_values, wired

pytestmark = pytest.mark.integration
DAY = dt.date(2026, 3, 2)  # a Monday, two-level model

CITIZEN = Principal("c", "dan.lan", frozenset({"citizen"}), None, APPLICANT_ID)
DESK = Principal("d", "xa.motcua", frozenset({"commune_officer"}), COMMUNE)
APPRAISER = Principal("a", "xa.thamdinh", frozenset({"commune_officer"}), COMMUNE)
HEAD = Principal("h", "xa.truongphong", frozenset({"commune_officer"}), COMMUNE)
CHAIR = Principal("k", "xa.chutich", frozenset({"commune_leader"}), COMMUNE)
OTHER_COMMUNE = Principal("o", "xa.khac", frozenset({"commune_officer"}), "00008")

Stub = dossier_pb2_grpc.DossierServiceStub


@pytest.fixture
def stub(make_database: Callable[[str], str]) -> Iterator[Stub]:
    service = wired(make_database, clock=fixed(DAY))
    server, port = start(service)
    channel = make_channel(f"127.0.0.1:{port}", default_timeout=60.0)
    try:
        yield Stub(channel)
    finally:
        channel.close()
        server.stop(0).wait()
        service.close()


def _act(stub: Stub, who: Principal, dossier_id: str, **action: Any) -> dossier_pb2.DossierView:
    with use_principal(who):
        request = dossier_pb2.ActOnDossierRequest(dossier_id=dossier_id, **action)
        answer: dossier_pb2.DossierView = stub.ActOnDossier(request)
        return answer


def _refused(call: Callable[[], object]) -> tuple[grpc.StatusCode, str]:
    with pytest.raises(grpc.RpcError) as caught:
        call()
    error = caught.value
    return error.code(), error.details()


def test_two_level_dossier_over_grpc(stub: Stub, signed_in: KeycloakTestUsers) -> None:
    citizen, desk, appraiser, head, chair, other = (
        signed_in(p) for p in (CITIZEN, DESK, APPRAISER, HEAD, CHAIR, OTHER_COMMUNE)
    )
    submit = dossier_pb2.SubmitDossierRequest(
        procedure_id="tro-cap-xa-hoi-hang-thang",
        purpose_id="grant_allowance",
        form_id="1b",
        values_json=json.dumps(lan_values()),
    )
    with use_principal(citizen):
        listed = stub.ListProcedures(dossier_pb2.ListProceduresRequest())
        assert "1.001776" in {p.national_code for p in listed.procedures}
        policy = dossier_pb2.SubmitDossierRequest()
        policy.CopyFrom(submit)
        policy.values_json = json.dumps(
            {**lan_values(), "category_code": "5.5a", "coefficient": "2"}
        )
        code, details = _refused(lambda: stub.SubmitDossier(policy))
        assert code is grpc.StatusCode.PERMISSION_DENIED
        assert "values.coefficient" in details and "values.category_code" in details
        made = stub.SubmitDossier(submit)
    assert made.state == "submitted" and made.dossier_code.endswith("-260302-0001")
    did = made.dossier_id

    code, _ = _refused(lambda: _act(stub, other, did, receive=dossier_pb2.ReceiveAction()))
    assert code is grpc.StatusCode.PERMISSION_DENIED  # wrong unit
    code, _ = _refused(lambda: _act(stub, desk, did, approve=dossier_pb2.ApproveAction()))
    assert code is grpc.StatusCode.FAILED_PRECONDITION  # out of order
    view = _act(stub, desk, did, receive=dossier_pb2.ReceiveAction())
    assert view.state == "in_appraisal" and view.due_on.year == 2026

    with use_principal(desk):
        queue = stub.ListQueue(dossier_pb2.ListQueueRequest())
    assert [e.dossier_id for e in queue.entries] == [did]

    check = dossier_pb2.CheckPopulationAction(matched=True, reference="VNeID-1")
    _act(stub, appraiser, did, check_population=check)
    appraise = dossier_pb2.AppraiseAction(eligible=True, category_code="5.5a", coefficient="1.5")
    _act(stub, appraiser, did, appraise=appraise)
    code, _ = _refused(lambda: _act(stub, appraiser, did, approve=dossier_pb2.ApproveAction()))
    assert code is grpc.StatusCode.PERMISSION_DENIED  # segregation: appraiser cannot approve
    _act(stub, head, did, approve=dossier_pb2.ApproveAction())
    decide = dossier_pb2.DecideAction(decision_number="45/QĐ-UBND")
    done = _act(stub, chair, did, decide=decide)
    assert done.state == "decided" and done.decision_number == "45/QĐ-UBND"

    with use_principal(citizen):
        mine = stub.GetDossier(dossier_pb2.GetDossierRequest(dossier_id=did))
    assert mine.status == "Đã có quyết định"
    assert [h.action for h in mine.history][:2] == ["Nộp hồ sơ", "Tiếp nhận hồ sơ"]
    assert mine.steps and mine.steps[0].allowed_working_days > 0
    with use_principal(other):
        code, _ = _refused(lambda: stub.GetDossier(dossier_pb2.GetDossierRequest(dossier_id=did)))
    assert code is grpc.StatusCode.PERMISSION_DENIED
