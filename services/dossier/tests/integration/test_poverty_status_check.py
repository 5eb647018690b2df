"""The commune's check asks the REAL poverty gRPC server (per-test databases, callers signed in
on real Keycloak) for the applicant's household status as of the date of receipt.

Must show (issue 14 link): a 5.5a applicant (form 1b) in a poor household gets the answer
recorded on the dossier, in Vietnamese in its history; a category without the need (5.6,
form 1đ) does not call poverty; poverty out of reach refuses the check (503, retryable), nothing
recorded.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from ansinh.common.v1 import common_pb2
from ansinh.poverty.v1 import poverty_pb2, poverty_pb2_grpc
from ansinh_common.auth.principal import Principal, use_principal
from ansinh_common.catalogs.personal_id import make_personal_id
from ansinh_common.errors import Unavailable
from ansinh_common.grpc.client import make_channel
from ansinh_common.testing_keycloak import KeycloakTestUsers
from dossier.bootstrap import bootstrap
from dossier.domain import commands as c
from dossier.domain.actor import Actor
from dossier.domain.channel import Channel
from dossier.service_layer import queries
from dossier.service_layer.dependencies import Dependencies
from dossier.service_layer.handlers.submission import submit_dossier
from dossier.service_layer.handlers.workflow import act
from poverty.bootstrap import bootstrap as poverty_bootstrap
from poverty.config import PovertySettings
from poverty.testing import migrated_router, start

from .dossier_cluster import (
    APPLICANT_ID,
    COMMUNE,
    LAN,
    FakePopulation,
    fixed,
    lan_values,
    settings_for,
)

pytestmark = pytest.mark.integration
RECEIVED = dt.date(2026, 3, 2)  # two-level model: the commune checks and decides
DISABLED_ID = make_personal_id("001", "male", 1980, 5678)
OFFICER = Principal("sa-xa", "sa.xa", frozenset({"commune_officer"}), COMMUNE)
CHAIR = Principal("pv-ct", "pv.ct", frozenset({"commune_leader"}), COMMUNE)


def _date(day: dt.date) -> common_pb2.Date:
    return common_pb2.Date(year=day.year, month=day.month, day=day.day)


def _poor_household(stub: poverty_pb2_grpc.PovertyServiceStub, users: KeycloakTestUsers) -> str:
    """Lan's household, decided poor from 10 Dec 2025 (the poverty side's own steps)."""
    lan = poverty_pb2.Member(
        member_id="m1", full_name="Nguyễn Thị Lan", national_id=APPLICANT_ID, relation="head",
        birth_date=_date(dt.date(1950, 3, 2)), gender="female", ethnicity_code="01",
    )  # fmt: skip
    household = poverty_pb2.Household(
        province_code="01", commune_code=COMMUNE, village="Tổ 1",
        address="Số 3, Tổ 1, phường Ba Đình", area="urban", members=[lan],
    )  # fmt: skip
    with use_principal(users(OFFICER)):
        hid = stub.RegisterHousehold(poverty_pb2.RegisterHouseholdRequest(household=household))
    poor = poverty_pb2.StatusChange(
        review_year=2025, status="poor", effective_on=_date(dt.date(2025, 12, 10)),
        decision_number="120/QĐ-UBND", standard_code="2022-2025", low_income_members=["m1"],
    )  # fmt: skip
    with use_principal(users(CHAIR)):
        request = poverty_pb2.RecordStatusRequest(
            province_code="01", household_id=hid.household_id, change=poor
        )
        stub.RecordStatus(request)
    return str(hid.household_id)


def _disabled_values() -> dict[str, object]:
    """Form 1đ (5.6, a person with a severe disability): no poverty condition."""
    return {
        "full_name": "Lê Văn Tâm", "birth_date": "1980-05-05", "gender": "male",
        "ethnicity": "01", "personal_id": DISABLED_ID, "residence": "Tổ 2, phường Ba Đình",
        "commune_code": COMMUNE, "hamlet": "Tổ 2", "disability_type": "1",
        "disability_level": "severe", "disability_certificate_number": "12/GXN",
        "disability_certificate_date": "2024-05-06", "household_poverty": "none",
    }  # fmt: skip


def _received(form: str, values: dict[str, object], officer: Actor, deps: Dependencies) -> str:
    cmd = c.SubmitDossier(
        dossier_id="", procedure_id="tro-cap-xa-hoi-hang-thang", purpose_id="grant_allowance",
        form_id=form, values=values, channel=Channel.IN_PERSON,
    )  # fmt: skip
    did = submit_dossier(cmd, officer, deps).id
    act(c.ReceiveDossier(dossier_id=did), officer, deps)
    return did


def _check(did: str, officer: Actor, deps: Dependencies) -> None:
    act(c.RecordPopulationCheck(dossier_id=did, matched=True, reference="VNeID-1"), officer, deps)


def test_the_commune_check_records_the_poverty_answer(
    make_database: Callable[[str], str], signed_in: KeycloakTestUsers
) -> None:
    poverty_router = migrated_router(make_database)
    server, port = start(poverty_bootstrap(PovertySettings(), router=poverty_router))
    channel = make_channel(f"127.0.0.1:{port}", default_timeout=60.0)
    try:
        household_id = _poor_household(poverty_pb2_grpc.PovertyServiceStub(channel), signed_in)
        settings = settings_for(make_database, poverty_target=f"127.0.0.1:{port}")
        service = bootstrap(settings, population=FakePopulation(LAN), clock=fixed(RECEIVED))
        deps = service.deps
        principal = signed_in(OFFICER)
        officer = Actor(principal, origin="198.51.100.9")
        with use_principal(principal):  # the officer's token goes on to poverty (ADR 0011)
            lan = _received("1b", lan_values(), officer, deps)
            tam = _received("1đ", _disabled_values(), officer, deps)
            refused = _received("1b", lan_values(), officer, deps)
            _check(lan, officer, deps)

            details = queries.dossier_details(lan, officer, deps)
            seen = details.dossier
            assert seen.poverty_status is not None
            assert seen.poverty_status.poor_or_near_poor
            assert (seen.poverty_status.status, seen.poverty_status.household_id) == (
                "poor",
                household_id,
            )
            assert seen.poverty_status.as_of == RECEIVED
            said = f"Khớp thông tin. Diện hộ nghèo ngày 02/03/2026: Hộ nghèo (hộ {household_id})."
            assert seen.history[-1].note == said
            assert details.status.history[-1].note == said  # what officers read (gRPC, REST)

            server.stop(0).wait()  # poverty is gone from here on
            _check(tam, officer, deps)  # 5.6 does not need it: poverty is not called
            assert queries.dossier_details(tam, officer, deps).dossier.poverty_status is None

            before = queries.dossier_details(refused, officer, deps).dossier.version
            with pytest.raises(Unavailable) as caught:
                _check(refused, officer, deps)
            assert "hộ nghèo" in str(caught.value) and "thử lại" in str(caught.value)
            after = queries.dossier_details(refused, officer, deps).dossier
            assert after.version == before and after.population_check is None
        service.close()
    finally:
        channel.close()
        server.stop(0)
        poverty_router.dispose()
