"""A dossier from a provincial one-stop system: checked whole, every problem named."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from ansinh_common.catalogs import admin_units
from ansinh_common.catalogs.personal_id import make_personal_id
from dossier.domain.errors import ProvincialMessageRefused
from dossier.domain.procedures.catalog import shipped_catalog
from dossier.domain.provincial_inbound import InboundApplicant, InboundDossier, check_inbound
from dossier.domain.provincial_status import shipped_mapping
from dossier.domain.rules.provincial_sync import parse_sync_modes
from dossier.service_layer.handlers.provincial_sync import provincial_status_for

NOW = dt.datetime(2026, 11, 27, 3, 0, tzinfo=dt.UTC)
MODES = parse_sync_modes(
    {"default_mode": "none", "provinces": {"01": "two_way", "79": "one_way", "12": "none"}}
)
GOOD = InboundDossier(
    provincial_code="HNI-2026-000123",
    province_code="01",
    procedure_code="1.001776",
    procedure_id="tro-cap-xa-hoi-hang-thang",
    purpose="grant_allowance",
    form="1a",
    commune_code="00004",
    channel=1,
    submitted_at=NOW - dt.timedelta(hours=1),
    applicant=InboundApplicant(
        personal_id=make_personal_id("01", "male", 1940, 123),
        full_name="Nguyễn Văn An",
        birth_date=dt.date(1940, 5, 1),
        gender="male",
    ),
)


def in_province(commune: str, province: str) -> bool:
    return admin_units.is_within(commune, province, "2025")


def check(dossier: InboundDossier, topic_province: str = "01") -> str:
    procedure = check_inbound(
        dossier,
        topic_province=topic_province,
        modes=MODES,
        catalog=shipped_catalog(),
        commune_in_province=in_province,
        now=NOW,
    )
    return procedure.id


def refusal(dossier: InboundDossier, topic_province: str = "01") -> dict[str, str]:
    with pytest.raises(ProvincialMessageRefused) as caught:
        check(dossier, topic_province)
    return {e.field: e.message for e in caught.value.errors}


def test_a_good_dossier_names_its_procedure() -> None:
    assert check(GOOD) == "tro-cap-xa-hoi-hang-thang"
    funeral = replace(
        GOOD, procedure_code="1.001731", procedure_id="", purpose="funeral_support", form="04"
    )
    assert check(funeral) == "ho-tro-mai-tang"


def test_a_one_way_province_is_accepted_and_a_none_province_refused() -> None:
    assert check(replace(GOOD, province_code="79", commune_code=_commune("79")), "79")
    with pytest.raises(ProvincialMessageRefused, match="không đồng bộ"):
        check(replace(GOOD, province_code="12", commune_code=_commune("12")), "12")


def test_every_problem_is_named_with_its_field() -> None:
    bad = replace(
        GOOD,
        provincial_code="",
        province_code="79",
        purpose="grant",
        form="9z",
        commune_code=_commune("79"),
        channel=7,
        submitted_at=NOW + dt.timedelta(days=1),
        applicant=InboundApplicant(personal_id="12", full_name=" ", birth_date=None, gender="x"),
    )
    assert set(refusal(bad)) == {
        "provincial_code", "province_code", "purpose", "form", "commune_code", "channel",
        "submitted_at", "applicant.personal_id", "applicant.full_name", "applicant.gender",
    }  # fmt: skip


def test_a_national_code_with_several_definitions_needs_the_procedure_id() -> None:
    assert "procedure_id" in refusal(replace(GOOD, procedure_id=""))
    assert "procedure_code" in refusal(replace(GOOD, procedure_code="9.999999", procedure_id=""))
    assert set(refusal(replace(GOOD, applicant=None, submitted_at=None))) == {
        "applicant",
        "submitted_at",
    }


def test_statuses_go_out_for_two_way_provinces_only_in_the_provincial_vocabulary() -> None:
    mapping = shipped_mapping()
    received = provincial_status_for(
        province_code="01", state="in_review", action="receive", modes=MODES, mapping=mapping
    )
    assert received is not None and (received.code, received.label) == (2, "Được tiếp nhận")
    submitted = provincial_status_for(
        province_code="01", state="submitted", action="", modes=MODES, mapping=mapping
    )
    assert submitted is not None and submitted.code == 1
    for province in ("79", "12"):
        assert (
            provincial_status_for(
                province_code=province,
                state="decided",
                action="decide",
                modes=MODES,
                mapping=mapping,
            )
            is None
        )


def _commune(province: str) -> str:
    return next(u.code for u in admin_units.children(province, "2025"))
