"""Submission: a citizen online, an officer at the counter, or a provincial one-stop system.

Every way in ends in ``Dossier.submit`` (form validated, policy fields refused) and one
commit holding the dossier, its audit line, its ``<agency>-YYMMDD-XXXX`` code and its
``DossierStatusChanged`` in the outbox.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ansinh_common.auth.principal import Principal
from ansinh_common.errors import AlreadyExists
from dossier.domain.actor import Actor
from dossier.domain.channel import Channel
from dossier.domain.clock import local_date
from dossier.domain.commands import SubmitDossier
from dossier.domain.dossier import Dossier
from dossier.domain.dossier_code import DossierCode
from dossier.service_layer.citizen_check import require_population_match
from dossier.service_layer.dependencies import Dependencies
from dossier.service_layer.places import agency_code, new_dossier_id, province_of_commune
from dossier.service_layer.unit_of_work import AbstractUnitOfWork

SYNC_SUBJECT = "system:provincial-sync"
SYNC_USERNAME = "provincial-sync"


def submit_dossier(cmd: SubmitDossier, actor: Actor, deps: Dependencies) -> Dossier:
    """A new dossier (citizen online, checked against the population database; or an officer
    at the counter with the channel); returns it with its code."""
    at = deps.clock()
    province = province_of_commune(cmd.values.get("commune_code"), local_date(at), deps.models)
    if actor.is_citizen and not actor.is_official and deps.population is not None:
        require_population_match(deps.population, cmd.values)
    with deps.uow(province) as uow:
        dossier = _new(uow, cmd, actor, deps, at, province)
        uow.dossiers.add(dossier)
        uow.commit()
    return dossier


@dataclass(frozen=True, slots=True, kw_only=True)
class ReceiveFromProvince:
    """A dossier already validated by the provincial one-stop system's message mapping."""

    provincial_code: str
    procedure_id: str
    purpose_id: str
    form_id: str
    values: Mapping[str, Any] = field(default_factory=dict)
    channel: Channel = Channel.ONLINE
    submitted_at: dt.datetime | None = None


@dataclass(frozen=True, slots=True)
class Received:
    dossier: Dossier
    created: bool


def sync_actor(commune_code: str) -> Actor:
    """The provincial one-stop system, acting as the commune's desk that received the file."""
    principal = Principal(
        SYNC_SUBJECT, SYNC_USERNAME, frozenset({"commune_officer"}), commune_code, None
    )
    return Actor(principal, origin="provincial-one-stop")


def receive_from_province(cmd: ReceiveFromProvince, deps: Dependencies) -> Received:
    """Create the dossier once per provincial dossier code (a redelivery returns the first)."""
    at = cmd.submitted_at or deps.clock()
    province = province_of_commune(cmd.values.get("commune_code"), local_date(at), deps.models)
    actor = sync_actor(str(cmd.values.get("commune_code")))
    submit = SubmitDossier(
        dossier_id="",
        procedure_id=cmd.procedure_id,
        purpose_id=cmd.purpose_id,
        form_id=cmd.form_id,
        values=cmd.values,
        channel=cmd.channel,
    )
    try:
        with deps.uow(province) as uow:
            existing = uow.dossiers.by_provincial_code(province, cmd.provincial_code)
            if existing is not None:
                return Received(existing, created=False)
            dossier = _new(uow, submit, actor, deps, at, province)
            uow.dossiers.add(dossier, provincial_code=cmd.provincial_code)
            uow.commit()
            return Received(dossier, created=True)
    except AlreadyExists:  # the same code committed concurrently: return that one
        with deps.uow(province) as uow:
            existing = uow.dossiers.by_provincial_code(province, cmd.provincial_code)
            assert existing is not None
            return Received(existing, created=False)


def _new(
    uow: AbstractUnitOfWork,
    cmd: SubmitDossier,
    actor: Actor,
    deps: Dependencies,
    at: dt.datetime,
    province: str,
) -> Dossier:
    today = local_date(at)
    procedure = deps.catalog.in_force(cmd.procedure_id, today)
    commune = str(cmd.values.get("commune_code"))
    agency = agency_code(commune, province)
    return Dossier.submit(
        dossier_id=cmd.dossier_id or new_dossier_id(province, deps.new_id()),
        code=DossierCode(agency, today, uow.codes.next_sequence(agency, today)),
        procedure=procedure,
        purpose_id=cmd.purpose_id,
        form_id=cmd.form_id,
        values=cmd.values,
        actor=actor,
        channel=cmd.channel,
        at=at,
        province_code=province,
    )
