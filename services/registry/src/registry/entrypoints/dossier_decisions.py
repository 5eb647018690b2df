"""``ansinh.dossier.v1.DecisionIssued`` → ``ApplyDossierDecision`` (the registry worker).

The decision acts with the authority of the unit that signed it: an officer role at the
signing unit's level (the commune under the two-level model), so the registry's access rules
apply as to an officer of that unit. A district's decision (three-level model, before 1 Jul
2025) acts as the province's officer: districts no longer exist in the unit tree the
registry's access rules read, and their records passed to the province. The decision itself
keeps the district as its signing unit.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ansinh.dossier.v1 import events_pb2 as dossier_events
from ansinh_common.auth.principal import Principal
from ansinh_common.authz import Level, unit_level
from ansinh_common.catalogs import admin_units
from ansinh_common.catalogs.personal_id import Gender
from registry.domain.commands import ApplyDossierDecision
from registry.domain.decision import Decision
from registry.domain.person import Person, Residence

DECISION_ISSUED = "ansinh.dossier.v1.DecisionIssued"
SUBJECT = "system:dossier-decision"


def _date(value: object) -> dt.date:
    return dt.date(value.year, value.month, value.day)  # type: ignore[attr-defined]


def residence_of(commune_code: str, catalog_version: str) -> Residence:
    province = admin_units.province_of(commune_code, catalog_version).code
    district = None
    if catalog_version == admin_units.CatalogVersion.PRE2025:
        district = next(
            (
                u.code
                for u in admin_units.ancestors(commune_code, catalog_version)
                if u.level == admin_units.Level.DISTRICT
            ),
            None,
        )
    return Residence(province, commune_code, district, catalog_version)


def command_from(payload: bytes) -> ApplyDossierDecision:
    m = dossier_events.DecisionIssued.FromString(payload)
    level = unit_level(m.signing_unit)
    if level is None:
        raise ValueError(f"unknown signing unit {m.signing_unit!r}")
    role, unit = f"{level.value}_officer", m.signing_unit
    if level is Level.DISTRICT:  # districts are gone from the unit tree access is checked in:
        role, unit = "province_officer", m.province_code  # their province took their records
    principal = Principal(SUBJECT, "dossier-decision", frozenset({role}), unit)
    residence = residence_of(m.commune_code, m.catalog_version or "2025")
    person = None
    if m.HasField("birth_date") and m.gender:  # a change form (TB) does not declare them
        person = Person(
            full_name=m.full_name,
            birth_date=_date(m.birth_date),
            gender=Gender(m.gender),
            residence=residence,
            personal_id=m.personal_id,
            ethnicity_code=m.ethnicity_code or None,
        )
    return ApplyDossierDecision(
        principal=principal,
        dossier_id=m.dossier_id,
        dossier_code=m.dossier_code,
        dossier_province_code=m.province_code,
        effect=m.effect,
        decision=Decision(m.decision_number, _date(m.decision_date), m.signing_unit),
        personal_id=m.personal_id,
        residence=residence,
        person=person,
        category_code=m.category_code if m.HasField("category_code") else None,
        coefficient=Decimal(m.coefficient) if m.HasField("coefficient") else None,
        benefit=m.benefit if m.HasField("benefit") else None,
        effective_on=_date(m.effective_on) if m.HasField("effective_on") else None,
    )
