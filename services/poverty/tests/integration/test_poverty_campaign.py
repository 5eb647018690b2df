"""A commune's annual campaign through PovertyService on real PostgreSQL and Keycloak: from the
list to the chair's decision and certificates, with a failed village vote that sends a
household back to the survey; steps out of order and the wrong role are refused."""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
import tempfile
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import grpc
import pytest
import sqlalchemy as sa
from python_calamine import CalamineWorkbook

from ansinh.poverty.v1 import poverty_pb2 as pb
from ansinh.poverty.v1 import poverty_pb2_grpc
from ansinh_common.auth.principal import use_principal
from ansinh_common.catalogs.admin_units import children
from ansinh_common.errors import FailedPrecondition, InvalidInput, PermissionDenied
from ansinh_common.grpc.problem import error_from_rpc
from ansinh_common.testing_keycloak import KeycloakTestUsers
from poverty.bootstrap import PovertyApp

from .poverty_support import (
    BA_DINH,
    COMMUNE_CHAIR,
    COMMUNE_OFFICER,
    MINISTRY_POVERTY,
    PROVINCE_POVERTY,
    change,
    household,
    pb_date,
)  # fmt: skip

pytestmark = pytest.mark.integration
Stub = poverty_pb2_grpc.PovertyServiceStub
GOOD_MEMBER = {
    "has_health_insurance": True,
    "stunted_or_underweight": False,
    "expected_education_or_in_training": True,
    "in_grade_for_age": True,
    "unemployed_or_uncontracted_wage_job": False,
    "dependant": False,
    "works": True,
}
GOOD_HOUSEHOLD = {
    "safe_water": True,
    "hygienic_latrine": True,
    "uses_telecom": True,
    "has_information_means": True,
}
DEPRIVING = ["hygienic_latrine", "uses_telecom", "has_information_means", "safe_water"]


def _survey(hid: str, on: dt.date, income: int, deprived: int) -> pb.Survey:
    flags = dict(GOOD_HOUSEHOLD) | {k: False for k in DEPRIVING[:deprived]}
    return pb.Survey(
        household_id=hid,
        surveyed_on=pb_date(on),
        members=[
            pb.SurveyMemberFacts(
                member_id=m, facts=[pb.Flag(name=k, value=v) for k, v in GOOD_MEMBER.items()]
            )
            for m in ("m1", "m2", "m3")
        ],
        household_flags=[pb.Flag(name=k, value=v) for k, v in flags.items()],
        household_counts=[
            pb.Count(name="non_durable_main_parts", value=0),
            pb.Count(name="floor_area_m2", value=60),
        ],
        income_per_person=income,
    )


def _refusal(call: Callable[[], object]) -> Exception:
    with pytest.raises(grpc.RpcError) as caught:
        call()
    return error_from_rpc(caught.value)


def test_annual_campaign_with_a_failed_vote_to_decision_and_certificates(
    stub: Stub, app: PovertyApp, signed_in: KeycloakTestUsers
) -> None:
    officer, chair = signed_in(COMMUNE_OFFICER), signed_in(COMMUNE_CHAIR)
    with use_principal(officer):
        ids = [
            stub.RegisterHousehold(pb.RegisterHouseholdRequest(household=household(n))).household_id
            for n in ("Hà Văn Một", "Lê Thị Hai", "Phan Văn Ba")
        ]
    poor, leaving, asking = ids
    with use_principal(chair):  # last year's decision: two poor households
        for hid in (poor, leaving):
            stub.RecordStatus(
                pb.RecordStatusRequest(
                    province_code="01",
                    household_id=hid,
                    change=change("poor", dt.date(2024, 12, 10), 2024, "99/QĐ-UBND"),
                )
            )

    def act(**action: Any) -> pb.ReviewResponse:
        request = pb.ActOnReviewRequest(province_code="01", review_id=review_id, **action)
        response: pb.ReviewResponse = stub.ActOnReview(request)
        return response

    with use_principal(officer):
        started = stub.StartReview(
            pb.StartReviewRequest(
                province_code="01",
                commune_code=BA_DINH,
                kind="annual",
                started_on=pb_date(dt.date(2025, 9, 3)),
            )
        )
        review_id = started.review_id
        assert started.standard_code == "2022-2025"
        for hid in (poor, leaving):
            stub.AddReviewHousehold(
                pb.AddReviewHouseholdRequest(
                    province_code="01", review_id=review_id, household_id=hid
                )
            )
        view = stub.AddReviewHousehold(
            pb.AddReviewHouseholdRequest(
                province_code="01",
                review_id=review_id,
                household_id=asking,
                request_form="mau_01",
                request_channel="online",
                request_received_on=pb_date(dt.date(2025, 9, 2)),
            )
        )
        assert view.step == 1 and [
            c.previous_status for c in view.cases if c.household_id != asking
        ] == ["poor", "poor"]
        early = _refusal(lambda: act(start_posting_on=pb_date(dt.date(2025, 9, 4))))
        assert isinstance(early, FailedPrecondition)
        assert act(close_list_on=pb_date(dt.date(2025, 9, 5))).step == 2
        day = dt.date(2025, 9, 10)
        act(
            quick_identification=pb.QuickIdentification(
                household_id=leaving, identified_on=pb_date(day), criteria_met=["owns_car"]
            )
        )
        for hid, income, deprived in ((poor, 1_500_000, 4), (asking, 1_800_000, 1)):
            act(
                quick_identification=pb.QuickIdentification(
                    household_id=hid, identified_on=pb_date(day)
                )
            )
            view = act(survey=_survey(hid, day, income, deprived))
        proposed = {c.household_id: c.proposed_status for c in view.cases}
        assert proposed == {poor: "poor", leaving: "left_poverty", asking: "near_poor"}
        assert view.step == 3
        meeting = pb.VillageMeeting(
            village="Tổ dân phố 5",
            held_on=pb_date(dt.date(2025, 9, 25)),
            attendees=[f"Người dân {n}" for n in range(10)],
            chaired_by="Tổ trưởng",
            supervised_by="Mặt trận Tổ quốc phường",
            minutes_refs=["BB-01/1", "BB-01/2"],
            agreeing=[
                pb.Vote(household_id=h, agreeing=n)
                for h, n in ((poor, 7), (leaving, 8), (asking, 4))
            ],
        )
        view = act(village_meeting=meeting)  # 4 of 10: back to the survey
        assert list(view.returned_to_survey) == [asking] and view.step == 2
        returned = next(c for c in view.cases if c.household_id == asking)
        assert (returned.state, returned.returned_to_survey) == ("listed", 1)
        again = dt.date(2025, 10, 2)
        act(
            quick_identification=pb.QuickIdentification(
                household_id=asking, identified_on=pb_date(again)
            )
        )
        act(survey=_survey(asking, again, 1_700_000, 2))
        meeting = pb.VillageMeeting(
            village="Tổ dân phố 5",
            held_on=pb_date(dt.date(2025, 10, 9)),
            attendees=[f"Người dân {n}" for n in range(8)],
            chaired_by="Tổ trưởng",
            supervised_by="Mặt trận Tổ quốc phường",
            minutes_refs=["BB-02/1", "BB-02/2"],
            agreeing=[pb.Vote(household_id=asking, agreeing=6)],
        )
        assert act(village_meeting=meeting).step == 3
        act(start_posting_on=pb_date(dt.date(2025, 10, 15)))
        act(
            objection=pb.Objection(
                objection_id="KN1",
                household_id=leaving,
                raised_by="Bà Tư",
                text="Hộ vẫn khó khăn",
                on=pb_date(dt.date(2025, 10, 16)),
            )
        )
        act(
            settle_objection=pb.ObjectionSettlement(
                objection_id="KN1",
                resolution="Đã xác minh: hộ có ô tô",
                on=pb_date(dt.date(2025, 10, 18)),
            )
        )
        assert (
            act(end_posting_on=pb_date(dt.date(2025, 10, 22))).step == 6
        )  # two-level: no district
        decision = pb.ReviewDecision(
            decision_number="150/QĐ-UBND", on=pb_date(dt.date(2025, 11, 20))
        )
        assert isinstance(_refusal(lambda: act(decision=decision)), PermissionDenied)
    with use_principal(chair):
        view = decided = act(decision=decision)
        assert view.step == 7 and view.decision_number == "150/QĐ-UBND"
        assert {c.household_id: c.decided_status for c in view.cases} == {
            poor: "poor",
            leaving: "left_poverty",
            asking: "near_poor",
        }
        numbers = [
            stub.IssueCertificate(
                pb.IssueCertificateRequest(
                    province_code="01",
                    household_id=hid,
                    review_year=2025,
                    issued_on=pb_date(dt.date(2025, 11, 25)),
                )
            ).certificate_number
            for hid in (poor, asking)
        ]
        refused = _refusal(
            lambda: stub.IssueCertificate(
                pb.IssueCertificateRequest(
                    province_code="01",
                    household_id=leaving,
                    review_year=2025,
                    issued_on=pb_date(dt.date(2025, 11, 25)),
                )
            )
        )
    assert isinstance(refused, FailedPrecondition)
    assert len(set(numbers)) == 2 and all(n.endswith("/GCN-HN.HCN") for n in numbers)
    with use_principal(officer):
        view = stub.GetHousehold(pb.GetHouseholdRequest(province_code="01", household_id=leaving))
    assert [c.status for c in view.history] == ["poor", "left_poverty"]
    assert view.history[1].decision_number == "150/QĐ-UBND"
    province_officer = signed_in(PROVINCE_POVERTY)
    _check_report(stub, officer, province_officer,
                  {c.household_id: list(c.deprivations) for c in decided.cases})  # fmt: skip
    _check_late_units(stub, app, province_officer, signed_in(MINISTRY_POVERTY))

    with app.router.engine(app.router.shard_for("01")).connect() as conn:
        types = conn.execute(
            sa.text("SELECT type, count(*) FROM outbox WHERE key = ANY(:ids) GROUP BY type"),
            {"ids": ids},
        ).all()
    assert {row[0]: row[1] for row in types} == {
        "ansinh.poverty.v1.HouseholdStatusDecided": 5,  # 2 last year + 3 this review
        "ansinh.poverty.v1.HouseholdLeftPoverty": 1,
        "ansinh.poverty.v1.CertificateIssued": 2,
    }


def _check_report(
    stub: Stub, officer: Any, province_officer: Any, deprivations: dict[str, list[str]]
) -> None:
    """Issue 14 "Excel report": the commune's and the province's report of the review, read
    back from the file and printed to A4 PDF; numbers as decided above (3 households: one
    poor, one near-poor entered, one left poverty)."""
    expected_deprived = Counter(code for codes in deprivations.values() for code in codes)
    with use_principal(officer):
        commune = stub.GetReviewReport(
            pb.GetReviewReportRequest(province_code="01", commune_code=BA_DINH, year=2025)
        )
        whole = pb.GetReviewReportRequest(province_code="01", year=2025)
        assert isinstance(_refusal(lambda: stub.GetReviewReport(whole)), PermissionDenied)
    with use_principal(province_officer):
        province = stub.GetReviewReport(whole)
    for report in (commune, province):
        figures = (
            report.households,
            report.poor,
            report.near_poor,
            report.poor_rate,
            report.entered_poverty,
            report.entered_near_poverty,
            report.left_poverty,
        )
        assert figures == (3, 1, 1, "33.33", 0, 1, 1)  # fmt: skip
        assert {d.indicator: d.households for d in report.deprivations} == expected_deprived
    rows = (
        CalamineWorkbook.from_filelike(io.BytesIO(commune.content))
        .get_sheet_by_name("Báo cáo rà soát")
        .to_python()
    )
    table = {r[0]: r[1:3] for r in rows if r and r[0]}
    assert table["Tổng số hộ"][0] == 3 and table["Hộ nghèo"] == [1, "33.33"]
    assert table["Hộ cận nghèo phát sinh"][0] == 1 and table["Hộ thoát nghèo"][0] == 1
    per_indicator = {r[1]: r[2] for r in rows if r and r[1] in expected_deprived}
    assert per_indicator == expected_deprived
    province_rows = CalamineWorkbook.from_filelike(io.BytesIO(province.content))
    by_commune = province_rows.get_sheet_by_name("Báo cáo rà soát").to_python()
    assert any(str(r[0]).endswith(f"({BA_DINH})") and r[1:3] == [3, 1] for r in by_commune)
    with tempfile.TemporaryDirectory() as tmp:
        xlsx = Path(tmp) / "bao-cao.xlsx"
        xlsx.write_bytes(commune.content)
        subprocess.run(
            ["soffice", f"-env:UserInstallation=file://{tmp}/lo", "--headless",
             "--convert-to", "pdf", "--outdir", tmp, str(xlsx)],
            check=True, capture_output=True, timeout=180,
        )  # fmt: skip
        info = subprocess.run(
            ["pdfinfo", str(xlsx.with_suffix(".pdf"))], check=True, capture_output=True, text=True
        ).stdout
        text = subprocess.run(
            ["pdftotext", "-layout", str(xlsx.with_suffix(".pdf")), "-"],
            check=True, capture_output=True, text=True,
        ).stdout  # fmt: skip
    size = re.search(r"^Page size:\s+([\d.]+) x ([\d.]+) pts", info, re.MULTILINE)
    assert size is not None and (round(float(size[1])), round(float(size[2]))) == (595, 842)
    assert re.search(r"^Pages:\s+1$", info, re.MULTILINE), info
    assert "BÁO CÁO KẾT QUẢ RÀ SOÁT HỘ NGHÈO, HỘ CẬN NGHÈO NĂM 2025" in text
    assert "Hộ thoát nghèo" in text


def _check_late_units(stub: Stub, app: PovertyApp, province: Any, ministry: Any) -> None:
    """Issue 14 "Reporting calendar": the commune posted on 15 Oct and decided on 20 Nov, so
    it is on time with both annual reports; every other commune of Hà Nội owes them and is
    late once the last day passed; the ministry sees Hà Nội late (not all communes in)."""
    communes = [u.code for u in children("01", "2025")]

    def ask(who: Any, **fields: Any) -> pb.ListLateUnitsResponse:
        with use_principal(who):
            answer: pb.ListLateUnitsResponse = stub.ListLateUnits(
                pb.ListLateUnitsRequest(year=2025, **fields)
            )
        return answer

    official = ask(province, province_code="01", kind="annual_official",
                   on=pb_date(dt.date(2025, 12, 20)))  # fmt: skip
    assert (official.last_day.month, official.last_day.day) == (12, 19)
    assert official.units == len(communes)
    late = {u.unit_code for u in official.late}
    assert late == set(communes) - {BA_DINH} and all(u.unit_name for u in official.late)
    early = ask(province, province_code="01", kind="annual_official",
                on=pb_date(dt.date(2025, 12, 19)))  # fmt: skip
    assert list(early.late) == []
    preliminary = ask(province, province_code="01", kind="annual_preliminary",
                      on=pb_date(dt.date(2025, 11, 15)))  # fmt: skip
    assert BA_DINH not in {u.unit_code for u in preliminary.late}
    monthly = ask(province, province_code="01", kind="monthly", month=3,
                  on=pb_date(dt.date(2025, 3, 6)))  # fmt: skip
    assert (monthly.units, list(monthly.late)) == (0, [])  # no regular review in February
    whole = pb.ListLateUnitsRequest(
        year=2025, kind="annual_official", on=pb_date(dt.date(2025, 12, 20))
    )
    with use_principal(province):
        assert isinstance(_refusal(lambda: stub.ListLateUnits(whole)), PermissionDenied)
    country = ask(ministry, kind="annual_official", on=pb_date(dt.date(2025, 12, 20)))
    assert country.units == len(app.router.province_shards)
    hanoi = next(u for u in country.late if u.unit_code == "01")
    assert not hanoi.HasField("submitted_on")
    with use_principal(province):
        bad = _refusal(
            lambda: stub.ListLateUnits(
                pb.ListLateUnitsRequest(province_code="01", year=2025, kind="monthly", month=11)
            )
        )
    assert isinstance(bad, InvalidInput) and bad.errors[0].field == "month"
