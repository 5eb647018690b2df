"""Read side: a dossier's status for the applicant or an official, officers' queues, the
public posting list. Who may read what is checked here (citizens: their own dossiers;
officials: dossiers their unit handles or contains)."""

from __future__ import annotations

from dataclasses import dataclass

from ansinh_common.authz.tables import MODEL_CATALOG_VERSIONS
from ansinh_common.catalogs import admin_units
from ansinh_common.errors import FieldError, InvalidInput, NotFound, PermissionDenied
from dossier.domain.actor import Actor
from dossier.domain.clock import local_date
from dossier.domain.dossier import Dossier
from dossier.domain.posting import PostingList, build_posting_list
from dossier.domain.queue import QueueItem, queue_for
from dossier.domain.tracking import StepUsage
from dossier.domain.views import ApplicantStatus, applicant_status
from dossier.service_layer.dependencies import Dependencies
from dossier.service_layer.places import province_of_dossier, province_of_unit

MY_PAGE_DEFAULT = 20
MY_PAGE_MAX = 100


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


@dataclass(frozen=True, slots=True)
class MyDossiersPage:
    dossiers: tuple[tuple[Dossier, ApplicantStatus], ...]
    next_offset: int | None


def _page_request(page_size: int, page_token: str) -> tuple[int, int]:
    errors = []
    size = page_size or MY_PAGE_DEFAULT
    if not 1 <= size <= MY_PAGE_MAX:
        errors.append(FieldError("page_size", f"Số hồ sơ mỗi trang từ 1 đến {MY_PAGE_MAX}."))
    offset = int(page_token) if page_token.isdigit() and len(page_token) <= 6 else -1
    if page_token and offset < 0:
        errors.append(FieldError("page_token", "Mã trang không hợp lệ.", "invalid"))
    if errors:
        raise InvalidInput(errors=errors)
    return size, max(offset, 0)


def my_dossiers(
    actor: Actor, deps: Dependencies, *, page_size: int = 0, page_token: str = ""
) -> MyDossiersPage:
    """The calling citizen's dossiers in every shard: applicant by the token's ID number, or
    submitted by the caller; newest first. The page token is the offset of the next page."""
    if not actor.is_citizen:
        raise PermissionDenied("Chỉ công dân được xem danh sách hồ sơ của mình.")
    size, offset = _page_request(page_size, page_token)
    wanted = offset + size + 1
    found: dict[str, Dossier] = {}
    for province in deps.shard_provinces or sorted(deps.provinces):
        with deps.uow(province) as uow:
            for d in uow.dossiers.of_applicant(actor.national_id, actor.subject, wanted):
                found[d.id] = d
    newest = sorted(found.values(), key=lambda d: (d.submitted_at, d.id), reverse=True)
    today = local_date(deps.clock())
    page = tuple(
        (d, applicant_status(d, deps.catalog.get(d.procedure_id, d.procedure_version), today))
        for d in newest[offset : offset + size]
    )
    more = len(newest) > offset + size
    return MyDossiersPage(page, offset + size if more else None)


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
