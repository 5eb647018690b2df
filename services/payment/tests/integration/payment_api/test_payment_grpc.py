"""PaymentService on a real gRPC server over migrated shards (PostgreSQL, Redis), callers
signed in on the real Keycloak (ADR 0011).

Must show (issue 13): a province's higher standard level and own allowance recorded through
the API apply to the next generated list (and a setting used by an approved list is only
superseded from a later month); maker–checker refuses the same person; a closed month refuses
regeneration and a correction appears as an adjustment line; explain and late communes.
"""

from __future__ import annotations

from datetime import date

import grpc
import pytest

from ansinh.payment.v1 import payment_pb2 as pb
from ansinh_common.auth.principal import Principal, use_principal
from ansinh_common.testing_keycloak import KeycloakTestUsers
from payment.bootstrap import PaymentApp
from payment.domain.months import Month
from payment.domain.rules.suspension import SuspensionProposal
from payment.service_layer.settlement_ports import ListHeader
from payment.testing import PaymentCluster

from .payment_api_support import (
    Stubs,
    generate,
    leader,
    load,
    officer,
    pb_date,
    person,
    province_officer,
    refusal,
)

pytestmark = pytest.mark.integration


def _setting(kind: str, start: str, **kw: object) -> pb.ProvinceSetting:
    return pb.ProvinceSetting(
        kind=kind, effective_from=start, resolution_number="130/2021/NQ-HĐND",
        resolution_signed_on=pb_date(date(2024, 6, 10)), **kw,  # type: ignore[arg-type]
    )  # fmt: skip


def _record(stubs: Stubs, who: Principal, province: str, setting: pb.ProvinceSetting) -> object:
    with use_principal(who):
        request = pb.RecordSettingRequest(province_code=province, setting=setting)
        return stubs.payment.RecordSetting(request)


def _list(stubs: Stubs, who: Principal, commune: str, month: str) -> pb.GetListResponse:
    with use_principal(who):
        answer: pb.GetListResponse = stubs.payment.GetList(
            pb.GetListRequest(commune_code=commune, month=month)
        )
        return answer


def test_province_settings_recorded_through_the_api_apply_to_the_next_list(
    stubs: Stubs, api_cluster: PaymentCluster, signed_in: KeycloakTestUsers
) -> None:
    province, commune = "48", "20195"  # Đà Nẵng, Phường Hải Vân
    load(api_cluster, [person("048000000001", date(1940, 1, 1), "5.5a", Month(2024, 8),
                              province, commune)])  # fmt: skip
    staff = signed_in(province_officer(province))
    prepares, approves = signed_in(officer(commune)), signed_in(leader(commune))

    code, error = refusal(lambda: _record(stubs, prepares, province, _setting(
        "standard_level", "2024-09", amount_vnd=600_000)))  # fmt: skip
    assert code is grpc.StatusCode.PERMISSION_DENIED  # a commune officer: not the province's
    _record(stubs, staff, province, _setting("standard_level", "2024-09", amount_vnd=600_000))
    _record(stubs, staff, province, _setting(
        "allowance", "2024-09", key="DN-130", name="Hỗ trợ thêm của thành phố",
        groups=["5.5a"], amount_vnd=100_000))  # fmt: skip
    code, error = refusal(lambda: _record(stubs, staff, province, _setting(
        "standard_level", "2024-13", amount_vnd=600_000)))  # fmt: skip
    assert code is grpc.StatusCode.INVALID_ARGUMENT
    assert "setting.effective_from" in str(getattr(error, "errors", ""))

    assert generate(stubs, prepares, commune, "2024-08").payment_list.total_vnd == 1_000_000
    sep = generate(stubs, prepares, commune, "2024-09")
    assert sep.changed and sep.payment_list.total_vnd == 1_200_000 + 100_000
    assert set(sep.payment_list.setting_keys) == {"standard_level", "DN-130"}
    line = _list(stubs, prepares, commune, "2024-09").lines[0]
    assert line.amount_vnd == 1_300_000 and line.kind == "regular"
    by_kind = {p.kind: p for p in line.parts}
    allowance = by_kind["monthly_allowance"]
    assert (allowance.standard_level_vnd, allowance.coefficient) == (600_000, "2.0")
    assert "130/2021/NQ-HĐND" in allowance.standard_level_basis
    # citations and conditions as users read them (domain/citations.py, ADR 0043)
    assert allowance.standard_level_basis == (
        "Nghị quyết 130/2021/NQ-HĐND (Nghị định 76/2024/NĐ-CP, Điều 1)"
    )
    assert allowance.legal_basis == "Nghị định 20/2021/NĐ-CP, Điều 6, khoản 1, điểm đ"
    assert (allowance.condition, allowance.condition_label) == ("from_80", "Từ đủ 80 tuổi")
    assert by_kind["province_allowance"].amount_vnd == 100_000
    assert all(p.legal_basis and "Decree" not in p.legal_basis for p in line.parts)
    with use_principal(staff):
        explained = stubs.payment.ExplainMonth(pb.ExplainMonthRequest(
            province_code=province, national_id="048000000001", month="2024-09"))  # fmt: skip
    assert explained.total_vnd == 1_300_000 and explained.province_level
    assert explained.standard_level_vnd == 600_000
    assert "Decree" not in str(explained)

    with use_principal(approves):
        approved = stubs.payment.ApproveList(pb.ApproveListRequest(commune_code=commune,
                                                                   month="2024-09"))  # fmt: skip
    assert (
        approved.payment_list.state == "approved"
        and approved.payment_list.approved_by == approves.subject
    )
    # the approver's name as the token gave it (test users: given "Kiểm", family "Thử")
    assert approved.payment_list.approved_by_name == approves.name == "Thử Kiểm"
    with use_principal(staff):
        listed = stubs.payment.ListSettings(pb.ListSettingsRequest(province_code=province))
    assert listed.approved_through == "2024-09"
    assert {s.key: s.used_through for s in listed.settings} == {
        "standard_level": "2024-09", "DN-130": "2024-09"}  # fmt: skip
    code, error = refusal(lambda: _record(stubs, staff, province, _setting(
        "standard_level", "2024-09", amount_vnd=650_000)))  # fmt: skip
    assert code is grpc.StatusCode.FAILED_PRECONDITION and "2024-09" in str(error)
    _record(stubs, staff, province, _setting("standard_level", "2024-10", amount_vnd=650_000))
    assert (
        generate(stubs, prepares, commune, "2024-10").payment_list.total_vnd == 1_300_000 + 100_000
    )

    with use_principal(staff):
        late = stubs.payment.ListLateCommunes(pb.ListLateCommunesRequest(
            province_code=province, month="2024-10", today=pb_date(date(2024, 9, 26))))  # fmt: skip
    assert late.due_before == pb_date(date(2024, 9, 25))
    assert [(c.commune_code, c.HasField("approved_on")) for c in late.communes] == [
        (commune, False)]  # fmt: skip
    assert late.communes[0].commune_name == "Phường Hải Vân"
    assert "chưa duyệt" in late.communes[0].message


def test_maker_checker_refuses_the_same_person(
    stubs: Stubs, api_cluster: PaymentCluster, signed_in: KeycloakTestUsers
) -> None:
    province, commune = "79", "25747"
    load(api_cluster, [person("079000000001", date(1940, 1, 1), "5.5a", Month(2024, 7),
                              province, commune)])  # fmt: skip
    both = Principal("t-both", "cb.kiemnhiem", frozenset({"commune_officer", "commune_leader"}),
                     commune)  # fmt: skip
    same = signed_in(both)
    generate(stubs, same, commune, "2024-07")
    with use_principal(same):
        code, error = refusal(lambda: stubs.payment.ApproveList(
            pb.ApproveListRequest(commune_code=commune, month="2024-07")))  # fmt: skip
    assert code is grpc.StatusCode.PERMISSION_DENIED
    assert "khác người lập" in str(error)
    with use_principal(signed_in(officer(commune))):  # an officer is no leader: refused too
        code, _ = refusal(lambda: stubs.payment.ApproveList(
            pb.ApproveListRequest(commune_code=commune, month="2024-07")))  # fmt: skip
    assert code is grpc.StatusCode.PERMISSION_DENIED
    assert _list(stubs, same, commune, "2024-07").payment_list.state == "draft"


def test_a_closed_month_refuses_regeneration_and_is_corrected_by_an_adjustment(
    stubs: Stubs, api_cluster: PaymentCluster, signed_in: KeycloakTestUsers
) -> None:
    province, commune = "31", "10510"
    load(api_cluster, [person("031000000001", date(1940, 1, 1), "5.5a", Month(2024, 7),
                              province, commune)])  # fmt: skip
    prepares, approves = signed_in(officer(commune)), signed_in(leader(commune))
    generate(stubs, prepares, commune, "2024-07")
    with use_principal(approves):
        stubs.payment.ApproveList(pb.ApproveListRequest(commune_code=commune, month="2024-07"))
    with use_principal(prepares):
        request = pb.ExportListRequest(
            commune_code=commune, month="2024-07", channel_code="CASH_COMMUNE", format="csv"
        )
        exported = stubs.payment.ExportList(request)
    assert exported.content.startswith(b"\xef\xbb\xbf") and exported.total_vnd == 1_000_000
    with use_principal(prepares):  # closing is a leader's decision
        code, _ = refusal(lambda: stubs.payment.CloseMonth(
            pb.CloseMonthRequest(commune_code=commune, month="2024-07")))  # fmt: skip
    assert code is grpc.StatusCode.PERMISSION_DENIED
    with use_principal(approves):
        closed = stubs.payment.CloseMonth(
            pb.CloseMonthRequest(commune_code=commune, month="2024-07")
        )
    assert closed.payment_list.state == "closed"

    with use_principal(prepares):
        code, error = refusal(lambda: stubs.payment.StartGeneration(
            pb.StartGenerationRequest(commune_code=commune, month="2024-07")))  # fmt: skip
    assert code is grpc.StatusCode.FAILED_PRECONDITION and "khóa sổ" in str(error)

    generate(stubs, prepares, commune, "2024-08")
    july_line = _list(stubs, prepares, commune, "2024-07").lines[0].line_id
    with use_principal(prepares):
        made = stubs.payment.AddAdjustment(pb.AddAdjustmentRequest(
            commune_code=commune, month="2024-08", corrected_line_id=july_line,
            new_amount_vnd=1_200_000, reason="Sai hệ số tháng 7"))  # fmt: skip
    assert made.amount_vnd == 200_000 and made.corrects_line_id == july_line
    aug = _list(stubs, prepares, commune, "2024-08")
    adjustments = [line for line in aug.lines if line.kind == "adjustment"]
    assert [(a.amount_vnd, a.corrects_line_id, a.reason) for a in adjustments] == [
        (200_000, july_line, "Sai hệ số tháng 7")]  # fmt: skip
    assert aug.payment_list.total_vnd == 1_000_000 + 200_000
    with use_principal(prepares):  # the closed list stays as it was
        code, _ = refusal(lambda: stubs.payment.ExportList(pb.ExportListRequest(
            commune_code=commune, month="2024-07", channel_code="CASH_COMMUNE")))  # fmt: skip
    assert code is grpc.StatusCode.FAILED_PRECONDITION


def test_bad_requests_name_the_field(stubs: Stubs, signed_in: KeycloakTestUsers) -> None:
    with use_principal(signed_in(officer("20195"))):
        code, error = refusal(lambda: stubs.payment.GetList(
            pb.GetListRequest(commune_code="20195", month="07/2024")))  # fmt: skip
        assert code is grpc.StatusCode.INVALID_ARGUMENT and "month" in str(error.errors)  # type: ignore[attr-defined]
        code, _ = refusal(lambda: stubs.payment.GetList(
            pb.GetListRequest(commune_code="99999", month="2024-07")))  # fmt: skip
        assert code is grpc.StatusCode.INVALID_ARGUMENT
        code, _ = refusal(lambda: stubs.payment.GetList(
            pb.GetListRequest(commune_code="20195", month="2020-01")))  # fmt: skip
        assert code is grpc.StatusCode.NOT_FOUND


def test_suspension_proposals_are_listed_for_the_province_and_its_communes(
    stubs: Stubs, payment_app: PaymentApp, signed_in: KeycloakTestUsers
) -> None:
    """A proposal stored by the results import (``add_proposal``, as ``import_results`` does
    after 3 months not collected) is listed for the province, filtered by commune and month;
    another commune's staff cannot read it."""
    province, commune, month = "79", "25750", Month(2025, 3)
    not_collected = (Month(2025, 1), Month(2025, 2), Month(2025, 3))
    with payment_app.stores(province) as store:
        header = ListHeader(f"{commune}:{month}", province, commune, month, "exported")
        assert store.add_proposal(header, SuspensionProposal("r-079-9", not_collected))
        store.commit()
    with use_principal(signed_in(province_officer(province))):
        found = stubs.payment.ListSuspensionProposals(
            pb.ListSuspensionProposalsRequest(province_code=province, month="2025-03")
        ).proposals
        other_month = stubs.payment.ListSuspensionProposals(
            pb.ListSuspensionProposalsRequest(province_code=province, month="2025-02")
        ).proposals
    assert [(p.record_id, p.commune_code, p.month, list(p.months_not_collected)) for p in found] \
        == [("r-079-9", commune, "2025-03", ["2025-01", "2025-02", "2025-03"])]  # fmt: skip
    assert list(other_month) == []
    with use_principal(signed_in(officer("25747"))):  # another commune of the province
        request = pb.ListSuspensionProposalsRequest(province_code=province, commune_code=commune)
        code, _ = refusal(lambda: stubs.payment.ListSuspensionProposals(request))
    assert code is grpc.StatusCode.PERMISSION_DENIED
