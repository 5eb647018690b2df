"""``ListMyPayments``: a citizen reads their own payment history, found by the ID number of
their token only (real gRPC server, real Keycloak token, migrated shards).

Two people of one commune; July and August 2024 generated, July approved (August stays a
draft). The first person sees July's line (approved, no channel yet); the draft month is not
shown; the other person's lines never are; an officer, or a citizen account without an ID
number, is refused (403). After the export and a results file the channel and the outcome
show.
"""

from __future__ import annotations

from datetime import date

import grpc
import pytest

from ansinh.payment.v1 import payment_pb2 as pb
from ansinh_common.auth.principal import Principal, use_principal
from ansinh_common.testing_keycloak import KeycloakTestUsers
from payment.domain.months import Month
from payment.testing import PaymentCluster

from .payment_api_support import Stubs, generate, leader, load, officer, person, refusal

pytestmark = pytest.mark.integration
PROVINCE, COMMUNE = "01", "00004"
MINE, OTHER = "001040000201", "001040000202"


def _mine(stubs: Stubs, who: Principal, since: str = "") -> list[pb.MyPayment]:
    with use_principal(who):
        answer = stubs.payment.ListMyPayments(pb.ListMyPaymentsRequest(from_month=since))
    return list(answer.payments)


def test_a_citizen_reads_only_their_own_approved_payments(
    stubs: Stubs, api_cluster: PaymentCluster, signed_in: KeycloakTestUsers
) -> None:
    load(api_cluster, [person(pid, date(1940, 3, 1), "5.5a", Month(2024, 7), PROVINCE, COMMUNE)
                       for pid in (MINE, OTHER)])  # fmt: skip
    prepares, approves = signed_in(officer(COMMUNE)), signed_in(leader(COMMUNE))
    citizen = signed_in(Principal("t-cd-1", "congdan.pay", frozenset({"citizen"}), None, MINE))
    generate(stubs, prepares, COMMUNE, "2024-07")
    generate(stubs, prepares, COMMUNE, "2024-08")
    assert _mine(stubs, citizen) == []  # drafts are not shown
    with use_principal(approves):
        stubs.payment.ApproveList(pb.ApproveListRequest(commune_code=COMMUNE, month="2024-07"))

    [july] = _mine(stubs, citizen)
    assert (july.month, july.month_for, july.kind, july.amount_vnd) == (
        "2024-07", "2024-07", "regular", 1_000_000)  # fmt: skip
    assert (july.list_state, july.channel_code, july.outcome, july.commune_code) == (
        "approved", "", "", COMMUNE)  # fmt: skip
    assert _mine(stubs, citizen, "2024-08") == []

    with use_principal(prepares):
        export = pb.ExportListRequest(
            commune_code=COMMUNE, month="2024-07", channel_code="CASH_COMMUNE", format="csv"
        )
        stubs.payment.ExportList(export)
        lines = stubs.payment.GetList(pb.GetListRequest(commune_code=COMMUNE, month="2024-07"))
        line = next(x for x in lines.lines if x.national_id == MINE)
        header = "Mã dòng,Mã đối tượng,Số tiền (đồng),Kết quả,Mã lý do,Ngày nhận tiền,Điểm chi trả"
        results = f"{header}\n{line.line_id},{MINE},1000000,Đã chi trả,,05/07/2024,BD-01\n"
        stubs.payment.ImportResults(pb.ImportResultsRequest(
            commune_code=COMMUNE, month="2024-07", channel_code="CASH_COMMUNE",
            file_name="ket-qua.csv", content=results.encode()))  # fmt: skip
    [paid] = _mine(stubs, citizen)
    assert (paid.list_state, paid.channel_code, paid.outcome) == (
        "exported",
        "CASH_COMMUNE",
        "paid",
    )
    assert (paid.collected_on.year, paid.collected_on.month, paid.collected_on.day) == (2024, 7, 5)

    code, _ = refusal(lambda: _mine(stubs, prepares))  # an officer: lists, not "my payments"
    assert code is grpc.StatusCode.PERMISSION_DENIED
    no_id = signed_in(Principal("t-cd-2", "congdan.noid", frozenset({"citizen"}), None, None))
    code, error = refusal(lambda: _mine(stubs, no_id))
    assert code is grpc.StatusCode.PERMISSION_DENIED and "định danh" in str(error)
    code, _ = refusal(lambda: _mine(stubs, citizen, "2024-13"))
    assert code is grpc.StatusCode.INVALID_ARGUMENT
