"""Attach a document to a dossier: type, size and content checked, bytes stored with their
SHA-256, metadata (who, when, from where) in the dossier's shard."""

from __future__ import annotations

from dataclasses import dataclass

from ansinh_common.errors import NotFound, PermissionDenied
from dossier.domain.actor import Actor
from dossier.domain.rules.attachment_content import require_acceptable
from dossier.domain.stages import FINISHED, TERMINAL
from dossier.service_layer.dependencies import Dependencies
from dossier.service_layer.places import province_of_dossier
from dossier.service_layer.queries import may_read


@dataclass(frozen=True, slots=True, kw_only=True)
class AttachDocument:
    dossier_id: str
    document_id: str
    filename: str
    content_type: str
    content: bytes


@dataclass(frozen=True, slots=True)
class Attached:
    attachment_id: str
    sha256: str
    size_bytes: int
    content_type: str


def attach_document(cmd: AttachDocument, actor: Actor, deps: Dependencies) -> Attached:
    assert deps.attachments is not None, "bootstrap wires an attachment store"
    kind = require_acceptable(cmd.content, cmd.content_type, cmd.filename, deps.max_attachment)
    province = province_of_dossier(cmd.dossier_id, deps.provinces)
    with deps.uow(province) as uow:
        dossier = uow.dossiers.get(cmd.dossier_id)
        if dossier is None:
            raise NotFound(f"Không tìm thấy hồ sơ {cmd.dossier_id!r}.")
        if not may_read(actor, dossier):
            raise PermissionDenied("Bạn không có quyền bổ sung giấy tờ cho hồ sơ này.")
        if dossier.stage in TERMINAL | FINISHED:
            raise PermissionDenied(f"Hồ sơ {dossier.code} đã kết thúc; không nhận thêm giấy tờ.")
        stored = deps.attachments.put(cmd.content)
        attachment_id = deps.new_id()
        uow.dossiers.add_attachment(
            dossier_id=dossier.id,
            attachment_id=attachment_id,
            document_id=cmd.document_id,
            filename=cmd.filename,
            content_type=kind,
            stored=stored,
            uploaded_by=actor.subject,
            at=deps.clock(),
            origin=actor.origin,
        )
        uow.commit()
    return Attached(attachment_id, stored.sha256, stored.size_bytes, kind)
