"""Read side: a dossier's status for the applicant or an official, officers' queues, the
public posting list. Who may read what is checked here (citizens: their own dossiers;
officials: dossiers their unit handles or contains)."""

from __future__ import annotations

from dataclasses import dataclass

from ansinh_common.authz.tables import MODEL_CATALOG_VERSIONS
from ansinh_common.catalogs import admin_units
from ansinh_common.errors import NotFound, PermissionDenied
from dossier.domain.actor import Actor
from dossier.domain.clock import local_date
from dossier.domain.dossier import Dossier
from dossier.domain.posting import PostingList, build_posting_list
from dossier.domain.queue import QueueItem, queue_for
from dossier.domain.tracking import StepUsage
from dossier.domain.views import ApplicantStatus, applicant_status
from dossier.service_layer.dependencies import Dependencies
from dossier.service_layer.places import province_of_dossier, province_of_unit


@dataclass(frozen=True, slots=True)
class DossierDetails:
    dossier: Dossier
    status: ApplicantStatus
    steps: tuple[StepUsage, ...]
    registry_record_id: str | None
    registry_refusal: str | None


def may_read(actor: Actor, d: Dossier) -> bool:
    if actor.is_citizen and not actor.is_official:
        return actor.subject == d.submitted_by or actor.national_id == d.applicant_national_id
    unit = actor.unit_code
    if unit is None or not actor.is_official:
        return False
    units = {d.commune_code, d.destination_commune_code}
    if d.plan is not None:
        units |= {p.unit_code for p in d.plan.steps}
    if unit in units:
        return True
    version = MODEL_CATALOG_VERSIONS[d.plan.model] if d.plan else admin_units.CatalogVersion.V2025
    try:
        return admin_units.is_within(d.commune_code, unit, version)
    except KeyError:
        return False


def dossier_details(dossier_id: str, actor: Actor, deps: Dependencies) -> DossierDetails:
    province = province_of_dossier(dossier_id, deps.provinces)
    today = local_date(deps.clock())
    with deps.uow(province) as uow:
        d = uow.dossiers.get(dossier_id)
        if d is None:
            raise NotFound(f"Không tìm thấy hồ sơ {dossier_id!r}.")
        if not may_read(actor, d):
            raise PermissionDenied("Bạn không có quyền xem hồ sơ này.")
        record_id, refusal = uow.dossiers.registry_outcome(dossier_id)
    procedure = deps.catalog.get(d.procedure_id, d.procedure_version)
    return DossierDetails(
        d, applicant_status(d, procedure, today), d.step_usage(today), record_id, refusal
    )


def queue(
    actor: Actor, province_code: str, deps: Dependencies, *, state: str = "", urgent: bool = False
) -> list[QueueItem]:
    if not actor.is_official or actor.unit_code is None:
        raise PermissionDenied("Chỉ cán bộ được xem danh sách hồ sơ cần xử lý.")
    today = local_date(deps.clock())
    with deps.uow(province_code or province_of_unit(actor.unit_code)) as uow:
        found = uow.dossiers.handled_by(actor.unit_code)
    items = queue_for(actor, found, today)
    if state:
        items = [i for i in items if i.stage.value == state]
    if urgent:
        items = [i for i in items if i.due_state.value in {"due_soon", "overdue"}]
    return items


def posting_list(commune_code: str, deps: Dependencies) -> PostingList:
    """Public: anyone may read what is posted at the commune office."""
    today = local_date(deps.clock())
    with deps.uow(province_of_unit(commune_code)) as uow:
        posted = uow.dossiers.posted_in(commune_code)
    return build_posting_list(
        posted,
        lambda d: deps.catalog.get(d.procedure_id, d.procedure_version),
        unit_code=commune_code,
        posted_on=today,
    )
