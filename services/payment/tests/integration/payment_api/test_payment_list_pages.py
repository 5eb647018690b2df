"""GetList pages its lines (the house convention: ``page_size`` 1..500, default 50, an opaque
``page_token``) and keeps the totals of the whole list in the header; personal ID numbers on
the lines follow the house masking rule (ADR 0033). A started PaymentService, callers signed
in on Keycloak, real PostgreSQL and Redis."""

from __future__ import annotations

from datetime import date

import grpc
import pytest

from ansinh.common.v1 import common_pb2
from ansinh.payment.v1 import payment_pb2 as pb
from ansinh_common.auth.principal import Principal, use_principal
from ansinh_common.testing_keycloak import KeycloakTestUsers
from payment.domain.months import Month
from payment.testing import PaymentCluster

from .payment_api_support import Stubs, generate, load, officer, person, province_officer, refusal

pytestmark = pytest.mark.integration

PROVINCE, COMMUNE = "92", "31120"  # Cần Thơ, Phường Cái Khế
MINISTRY = Principal(
    "t-vn-bo", "bo.tgxh", frozenset({"ministry_officer", "domain_social_assistance"}), "VN"
)


def _page(stubs: Stubs, size: int = 0, token: str = "") -> pb.GetListResponse:
    page = common_pb2.PageRequest(page_size=size, page_token=token)
    answer: pb.GetListResponse = stubs.payment.GetList(
        pb.GetListRequest(commune_code=COMMUNE, month="2025-03", page=page)
    )
    return answer


def test_lines_come_in_pages_with_the_whole_list_s_totals_and_masked_for_readers_above(
    stubs: Stubs, api_cluster: PaymentCluster, signed_in: KeycloakTestUsers
) -> None:
    # 7 people, 5.5a 2.0 from March 2025: 7 lines of 1,000,000 VND
    ids = [f"092150{n:06d}" for n in range(1, 8)]
    load(api_cluster, [
        person(pid, date(1940, 1, 1), "5.5a", Month(2025, 3), PROVINCE, COMMUNE) for pid in ids
    ])  # fmt: skip
    staff = signed_in(officer(COMMUNE))
    generate(stubs, staff, COMMUNE, "2025-03")
    with use_principal(staff):
        pages, token = [], ""
        while True:
            answer = _page(stubs, 3, token)
            pages.append(answer)
            token = answer.next_page_token
            if not token:
                break
        everything = _page(stubs)  # default size (50): one page
        code, error = refusal(lambda: _page(stubs, 3, "không-phải-mã"))
        too_big, _ = refusal(lambda: _page(stubs, 501))
    assert [len(p.lines) for p in pages] == [3, 3, 1]
    paged = [line.national_id for p in pages for line in p.lines]
    assert paged == sorted(ids)  # each line once, in order
    for p in pages:  # the totals are the whole list's on every page
        assert (p.payment_list.line_count, p.payment_list.total_vnd) == (7, 7_000_000)
    assert [line.national_id for line in everything.lines] == paged
    assert everything.next_page_token == ""
    assert code is grpc.StatusCode.INVALID_ARGUMENT and "page_token" in str(error.errors)  # type: ignore[attr-defined]
    assert too_big is grpc.StatusCode.INVALID_ARGUMENT

    # the ministry and the province read it; only the province (the list's own units) sees
    # the numbers in full
    with use_principal(signed_in(MINISTRY)):
        masked = _page(stubs)
    with use_principal(signed_in(province_officer(PROVINCE))):
        full = _page(stubs)
    assert [line.national_id for line in full.lines] == paged
    assert [line.national_id for line in masked.lines] == [
        pid[:4] + "******" + pid[-2:] for pid in paged
    ]
    assert [line.full_name for line in masked.lines] == [line.full_name for line in full.lines]
    assert masked.payment_list.total_vnd == 7_000_000
