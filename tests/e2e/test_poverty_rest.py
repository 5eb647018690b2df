"""The poverty service over REST and Kafka: the real gateway app with real Keycloak tokens in
front of the poverty gRPC server (in this process, fresh migrated shards), the outbox relayed
to a fresh Kafka topic.

* a commune officer registers a household; the commune chair records its decisions (poor in
  December 2025, left poverty on 10 March 2026) and issues its certificate (PDF);
* the social-assistance side asks the status query: poor on 20 February, not on 1 April;
* a social-assistance account cannot read the household (403 in Vietnamese), a province
  poverty officer can;
* the events (status decided ×2, left poverty, certificate issued) arrive on Kafka.
"""

from __future__ import annotations

import base64
import io
import uuid
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import unquote

import pytest
from confluent_kafka import Consumer
from openpyxl import load_workbook

from ansinh_common.auth.principal import Principal
from ansinh_common.catalogs.personal_id import Gender, make_personal_id
from ansinh_common.messaging.kafka import create_idempotent_producer
from ansinh_common.messaging.relay.core import OutboxRelay
from ansinh_common.testing import Servers
from ansinh_common.testing_keycloak import KeycloakTestUsers
from gateway.testing import gateway_client
from poverty.bootstrap import PovertyApp, bootstrap
from poverty.config import PovertySettings
from poverty.testing import migrated_router, start

pytestmark = pytest.mark.e2e
API = "/api/v1/poverty"
BA_DINH = "00004"
OFFICER = Principal("e2e-pv-xa", "e2e.pv.xa", frozenset({"commune_officer"}), BA_DINH)
CHAIR = Principal("e2e-pv-ct", "e2e.pv.ct", frozenset({"commune_leader"}), BA_DINH)
PROVINCE_POVERTY = Principal(
    "e2e-pv-t", "e2e.pv.tinh", frozenset({"province_officer", "domain_poverty"}), "01"
)
SOCIAL = Principal(
    "e2e-sa-xa", "e2e.sa.xa", frozenset({"commune_officer", "domain_social_assistance"}), BA_DINH
)


@pytest.fixture
def poverty(
    servers: Servers, make_database: Callable[[str], str], make_topic: Callable[..., str]
) -> Iterator[tuple[Any, PovertyApp]]:
    settings = PovertySettings(poverty_topic=make_topic(3), metrics_port=None)
    app = bootstrap(settings, router=migrated_router(make_database))
    server, port = start(app)
    try:
        backends = {"poverty": f"127.0.0.1:{port}"}
        with gateway_client(servers.redis_url, servers.keycloak_url, backends) as client:
            yield client, app
    finally:
        server.stop(0).wait()
        app.close()


def _auth(signed_in: KeycloakTestUsers, who: Principal) -> dict[str, str]:
    return {"Authorization": f"Bearer {signed_in(who).token}"}


def _household() -> dict[str, Any]:
    head = make_personal_id("001", Gender.FEMALE, 1970, 812_345)
    return {
        "province_code": "01", "commune_code": BA_DINH, "village": "Tổ dân phố 7",
        "address": "Số 4, Tổ dân phố 7, phường Ba Đình", "area": "urban",
        "members": [
            {"full_name": "Đặng Thị Mến", "national_id": head, "relation": "head",
             "birth_date": "1970-06-01", "gender": "female", "ethnicity_code": "01"},
            {"full_name": "Vũ Minh Khôi", "relation": "child", "birth_date": "2012-02-03",
             "national_id": make_personal_id("001", Gender.MALE, 2012, 812_346),
             "gender": "male", "ethnicity_code": "01"},
        ],
    }  # fmt: skip


def _events(servers: Servers, app: PovertyApp) -> list[str]:
    engine = app.router.engine(app.router.shard_for("01"))
    relay = OutboxRelay(engine, lambda: create_idempotent_producer(servers.kafka_bootstrap))
    while relay.relay_once():
        pass
    consumer = Consumer(
        {
            "bootstrap.servers": servers.kafka_bootstrap,
            "group.id": f"e2e-poverty-{uuid.uuid4().hex[:8]}",
            "auto.offset.reset": "earliest",
        }
    )
    consumer.subscribe([app.settings.poverty_topic])  # type: ignore[attr-defined]
    found: list[str] = []
    try:
        for _ in range(60):
            message = consumer.poll(1.0)
            if message is None:
                if len(found) >= 4:
                    break
                continue
            headers = dict(message.headers() or [])
            found.append(headers["ce_type"].decode())
    finally:
        consumer.close()
    return sorted(found)


def test_households_decisions_status_and_certificate_over_rest_and_kafka(
    poverty: tuple[Any, PovertyApp], servers: Servers, signed_in: KeycloakTestUsers
) -> None:
    client, app = poverty
    body = _household()
    head_id = body["members"][0]["national_id"]
    created = client.post(
        f"{API}/households", json={"household": body}, headers=_auth(signed_in, OFFICER)
    )
    assert created.status_code == 201, created.text
    path = f"{API}/households/01/{created.json()['household_id']}"

    chair = _auth(signed_in, CHAIR)
    for status, on, year, number in (
        ("poor", "2025-12-10", 2025, "120/QĐ-UBND"),
        ("left_poverty", "2026-03-10", 2026, "31/QĐ-UBND"),
    ):
        change = {"review_year": year, "status": status, "effective_on": on,
                  "decision_number": number, "standard_code": "2022-2025"}  # fmt: skip
        answer = client.post(f"{path}/status", json={"change": change}, headers=chair)
        assert answer.status_code == 200, answer.text
    certificate = client.post(
        f"{path}/certificates", json={"review_year": 2025, "issued_on": "2025-12-15"}, headers=chair
    )
    assert certificate.status_code == 201, certificate.text
    assert certificate.content.startswith(b"%PDF")
    assert unquote(certificate.headers["X-Certificate-Number"]) == "Số 1/GCN-HN.HCN"

    social = _auth(signed_in, SOCIAL)
    for day, expected in (("2026-02-20", True), ("2026-04-01", False)):
        answer = client.get(
            f"{API}/status", params={"national_id": head_id, "on": day}, headers=social
        )
        assert answer.status_code == 200, answer.text
        assert answer.json()["poor_or_near_poor"] is expected
        assert answer.json()["province_code"] == "01"
    refused = client.get(path, headers=social)
    assert refused.status_code == 403
    assert refused.headers["content-type"].startswith("application/problem+json")
    assert "giảm nghèo" in refused.json()["detail"]
    seen = client.get(
        path, params={"as_of": "2026-02-28"}, headers=_auth(signed_in, PROVINCE_POVERTY)
    )
    assert seen.status_code == 200 and seen.json()["status"] == "poor"

    assert _events(servers, app) == [
        "ansinh.poverty.v1.CertificateIssued",
        "ansinh.poverty.v1.HouseholdLeftPoverty",
        "ansinh.poverty.v1.HouseholdStatusDecided",
        "ansinh.poverty.v1.HouseholdStatusDecided",
    ]


def test_a_review_over_rest_refuses_a_request_with_a_written_reason(
    poverty: tuple[Any, PovertyApp], signed_in: KeycloakTestUsers, servers: Servers
) -> None:
    """Issue 14 must-show "end to end over real Kafka and Keycloak": a commune's annual campaign
    over REST (real tokens) from the list to the decision and a certificate, with a failed
    village vote that sends a household back to the survey; the events reach Kafka."""
    client, app = poverty
    officer, chair = _auth(signed_in, OFFICER), _auth(signed_in, CHAIR)
    body = _household()
    created = client.post(f"{API}/households", json={"household": body}, headers=officer)
    hid = created.json()["household_id"]
    other = _household()
    for n, member in enumerate(other["members"]):
        member["national_id"] = make_personal_id(
            "001", Gender(member["gender"]), int(member["birth_date"][:4]), 812_400 + n
        )
    poor = client.post(f"{API}/households", json={"household": other}, headers=officer).json()[
        "household_id"
    ]
    last_year = {"review_year": 2024, "status": "poor", "effective_on": "2024-12-10",
                 "decision_number": "99/QĐ-UBND", "standard_code": "2022-2025"}  # fmt: skip
    recorded = client.post(
        f"{API}/households/01/{poor}/status", json={"change": last_year}, headers=chair
    )
    assert recorded.status_code == 200, recorded.text
    started = client.post(
        f"{API}/reviews",
        json={"province_code": "01", "commune_code": BA_DINH, "kind": "annual",
              "started_on": "2025-09-03"},
        headers=officer,
    )  # fmt: skip
    assert started.status_code == 201, started.text
    review = f"{API}/reviews/01/{started.json()['review_id']}"
    listed = client.post(
        f"{review}/households",
        json={"household_id": hid, "request_form": "mau_01", "request_channel": "online",
              "request_received_on": "2025-09-02"},
        headers=officer,
    )  # fmt: skip
    assert listed.status_code == 200, listed.text
    assert client.post(f"{review}/households", json={"household_id": poor},
                       headers=officer).status_code == 200  # fmt: skip

    def step(action: dict[str, Any], who: dict[str, str] = officer) -> Any:
        return client.post(f"{review}/steps", json=action, headers=who)

    early = step({"start_posting_on": "2025-09-04"})
    assert early.status_code == 409 and "bước 1" in early.json()["detail"]
    assert step({"close_list_on": "2025-09-05"}).json()["step"] == 2
    quick = {"household_id": hid, "identified_on": "2025-09-10", "criteria_met": ["owns_car"]}
    assert step({"quick_identification": quick}).json()["step"] == 2
    step({"quick_identification": {"household_id": poor, "identified_on": "2025-09-10"}})
    facts = {
        "has_health_insurance": True,
        "stunted_or_underweight": False,
        "expected_education_or_in_training": True,
        "in_grade_for_age": True,
        "unemployed_or_uncontracted_wage_job": False,
        "dependant": False,
        "works": True,
    }
    household_flags = {
        "safe_water": False,
        "hygienic_latrine": False,
        "uses_telecom": False,
        "has_information_means": False,
    }
    survey = {
        "household_id": poor, "surveyed_on": "2025-09-12", "income_per_person": 1_500_000,
        "members": [{"member_id": m, "facts": [{"name": k, "value": v} for k, v in facts.items()]}
                    for m in ("m1", "m2")],
        "household_flags": [{"name": k, "value": v} for k, v in household_flags.items()],
        "household_counts": [{"name": "non_durable_main_parts", "value": 0},
                             {"name": "floor_area_m2", "value": 60}],
    }  # fmt: skip
    surveyed = step({"survey": survey})
    assert surveyed.status_code == 200, surveyed.text
    assert surveyed.json()["step"] == 3
    meeting = {
        "village": "Tổ dân phố 7", "held_on": "2025-09-25",
        "attendees": [f"Người dân {n}" for n in range(10)], "chaired_by": "Tổ trưởng",
        "supervised_by": "Mặt trận Tổ quốc", "minutes_refs": ["BB-1/1", "BB-1/2"],
        "agreeing": [{"household_id": hid, "agreeing": 4}, {"household_id": poor, "agreeing": 9}],
    }  # fmt: skip
    back = step({"village_meeting": meeting}).json()
    assert "step" in back, back
    assert back["step"] == 2 and back["returned_to_survey"] == [hid]
    step({"quick_identification": {**quick, "identified_on": "2025-10-01"}})
    meeting |= {"held_on": "2025-10-08", "agreeing": [{"household_id": hid, "agreeing": 9}]}
    assert step({"village_meeting": meeting}).json()["step"] == 3
    step({"start_posting_on": "2025-10-10"})
    assert step({"end_posting_on": "2025-10-20"}).json()["step"] == 6
    decision = {"decision_number": "150/QĐ-UBND", "on": "2025-11-20"}
    assert step({"decision": decision}).status_code == 403  # the officer may not decide
    missing = step({"decision": decision}, chair)
    assert missing.status_code == 422
    assert [e["field"] for e in missing.json()["errors"]] == [f"refusal_reasons.{hid}"]
    reason = "Hộ có ô tô, không thuộc diện nghèo, cận nghèo."
    refusals = [{"household_id": hid, "reason": reason}]
    decided = step({"decision": {**decision, "refusal_reasons": refusals}}, chair)
    assert decided.status_code == 200, decided.text
    cases = {c["household_id"]: c for c in decided.json()["cases"]}
    assert (cases[hid]["decided_status"], cases[hid]["refusal_reason"]) == ("none", reason)
    assert cases[poor]["decided_status"] == "poor"
    assert client.get(review, headers=officer).json()["step"] == 7
    certificate = client.post(
        f"{API}/households/01/{poor}/certificates",
        json={"review_year": 2025, "issued_on": "2025-11-25"}, headers=chair,
    )  # fmt: skip
    assert certificate.status_code == 201 and certificate.content.startswith(b"%PDF")
    assert _events(servers, app) == [
        "ansinh.poverty.v1.CertificateIssued",
        *["ansinh.poverty.v1.HouseholdStatusDecided"] * 3,  # last year's + two decided now
    ]


def test_a_citizen_files_a_request_online_for_their_own_household(
    poverty: tuple[Any, PovertyApp], signed_in: KeycloakTestUsers
) -> None:
    """Issue 14 "Requests": Mẫu 01 filed online with a real citizen token lands in the commune's
    next review list; another household's citizen is refused, Mẫu 04 needs a poor household."""
    client, _ = poverty
    officer = _auth(signed_in, OFFICER)
    body = _household()
    hid = client.post(f"{API}/households", json={"household": body}, headers=officer).json()[
        "household_id"
    ]
    child_id = body["members"][1]["national_id"]
    citizen = _auth(
        signed_in, Principal("e2e-c", "e2e.dan", frozenset({"citizen"}), None, child_id)
    )
    stranger = _auth(
        signed_in,
        Principal("e2e-c2", "e2e.dan2", frozenset({"citizen"}), None,
                  make_personal_id("001", Gender.MALE, 1990, 812_399)),
    )  # fmt: skip
    request = {"province_code": "01", "household_id": hid, "received_on": "2025-08-28"}
    refused = client.post(f"{API}/requests", json={**request, "form": "mau_01"}, headers=stranger)
    assert refused.status_code == 403, refused.text
    not_poor = client.post(f"{API}/requests", json={**request, "form": "mau_04"}, headers=citizen)
    assert not_poor.status_code == 422
    assert [e["field"] for e in not_poor.json()["errors"]] == ["form"]
    filed = client.post(f"{API}/requests", json={**request, "form": "mau_01"}, headers=citizen)
    assert filed.status_code == 201, filed.text
    assert filed.json()["channel"] == "online"
    started = client.post(
        f"{API}/reviews",
        json={"province_code": "01", "commune_code": BA_DINH, "kind": "annual",
              "started_on": "2025-09-03"},
        headers=officer,
    )  # fmt: skip
    review = client.get(f"{API}/reviews/01/{started.json()['review_id']}", headers=officer).json()
    assert [
        (c["household_id"], c["request_form"], c["request_channel"]) for c in review["cases"]
    ] == [(hid, "mau_01", "online")]


def test_review_list_excel_report_and_late_units_over_rest(
    poverty: tuple[Any, PovertyApp], signed_in: KeycloakTestUsers
) -> None:
    """The Excel cycle, the review report and the late units through the gateway: export the
    list, import it back with one bad row (422-free answer with the row error and an error
    file), the commune's report file, and the province's late communes."""
    client, _ = poverty
    officer = _auth(signed_in, OFFICER)
    hid = client.post(f"{API}/households", json={"household": _household()}, headers=officer)
    started = client.post(
        f"{API}/reviews",
        json={"province_code": "01", "commune_code": BA_DINH, "kind": "annual",
              "started_on": "2025-09-03"},
        headers=officer,
    )  # fmt: skip
    review = f"{API}/reviews/01/{started.json()['review_id']}"
    standard = started.json()["standard_code"]
    listed = client.get(
        f"{API}/reviews/01", params={"commune_code": BA_DINH, "year": 2025}, headers=officer
    )
    assert listed.status_code == 200, listed.text
    assert [(r["review_id"], r["step"], r["started_on"]) for r in listed.json()["reviews"]] == [
        (started.json()["review_id"], 1, "2025-09-03")
    ]
    social = client.get(
        f"{API}/reviews/01", params={"commune_code": BA_DINH, "year": 2025},
        headers=_auth(signed_in, SOCIAL),
    )  # fmt: skip
    assert social.status_code == 403
    form = client.get(
        f"{API}/standards/{standard}/survey-form", params={"on": "2025-09-10"}, headers=officer
    )
    assert form.status_code == 200, form.text
    assert "safe_water" in {f["name"] for f in form.json()["household_facts"]}
    assert form.json()["questions"] and form.json()["member_facts"]
    unknown = client.get(f"{API}/standards/1999/survey-form", headers=officer)
    assert unknown.status_code == 422
    assert [e["field"] for e in unknown.json()["errors"]] == ["standard_code"]
    exported = client.get(f"{review}/list.xlsx", headers=officer)
    assert exported.status_code == 200 and exported.content.startswith(b"PK")
    book = load_workbook(io.BytesIO(exported.content))
    sheet = book["Danh sách rà soát"]
    sheet.cell(4, 1, hid.json()["household_id"])
    sheet.cell(4, 6, "mau_09")  # not a form
    out = io.BytesIO()
    book.save(out)
    xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    imported = client.post(
        f"{review}/list", files={"file": ("ds.xlsx", out.getvalue(), xlsx)}, headers=officer
    )
    assert imported.status_code == 200, imported.text
    answer = imported.json()
    assert (answer["rows"], answer["applied"], answer["rejected"]) == (1, 0, 1)
    assert answer["errors"][0]["row"] == 4
    assert answer["errors"][0]["column"] == "Giấy đề nghị (mau_01, mau_04)"
    assert base64.b64decode(answer["error_file"]).startswith(b"PK")
    report = client.get(
        f"{API}/reports/01/review.xlsx",
        params={"commune_code": BA_DINH, "year": 2025},
        headers=officer,
    )
    assert report.status_code == 200 and report.content.startswith(b"PK")
    province = _auth(signed_in, PROVINCE_POVERTY)
    late = client.get(
        f"{API}/late-units",
        params={"province_code": "01", "kind": "annual_official", "year": 2025,
                "on": "2025-12-20"},
        headers=province,
    )  # fmt: skip
    assert late.status_code == 200, late.text
    assert BA_DINH in {u["unit_code"] for u in late.json()["late"]}  # not decided
    assert late.json()["last_day"] == "2025-12-19"
