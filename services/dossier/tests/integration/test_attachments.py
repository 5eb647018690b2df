"""Attachments on real PostgreSQL and a real directory: stored once under their SHA-256,
metadata with who and from where; a file that lies about its type is refused and nothing is
stored."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from pathlib import Path

import pytest
import sqlalchemy as sa

from ansinh_common.errors import InvalidInput, PermissionDenied
from dossier.bootstrap import bootstrap
from dossier.domain.commands import SubmitDossier
from dossier.service_layer.handlers.attachments import AttachDocument, attach_document
from dossier.service_layer.handlers.submission import submit_dossier

from .dossier_cluster import LAN, FakePopulation, citizen, fixed, lan_values, person, settings_for

pytestmark = pytest.mark.integration
PDF = b"%PDF-1.7\n% giay xac nhan\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16


def test_attachments_are_checked_stored_and_recorded(
    make_database: Callable[[str], str], tmp_path: Path
) -> None:
    settings = settings_for(make_database, attachment_dir=tmp_path, attachment_max_bytes=4096)
    service = bootstrap(settings, population=FakePopulation(LAN), clock=fixed(dt.date(2026, 3, 2)))
    deps = service.deps
    made = submit_dossier(
        SubmitDossier(
            dossier_id="",
            procedure_id="tro-cap-xa-hoi-hang-thang",
            purpose_id="grant_allowance",
            form_id="1b",
            values=lan_values(),
        ),
        citizen(),
        deps,
    )

    def attach(content: bytes, kind: str, who: object = None) -> object:
        cmd = AttachDocument(
            dossier_id=made.id,
            document_id="to-khai",
            filename="to-khai.pdf",
            content_type=kind,
            content=content,
        )
        return attach_document(cmd, who or citizen(), deps)  # type: ignore[arg-type]

    done = attach(PDF, "application/pdf")
    digest = hashlib.sha256(PDF).hexdigest()
    assert done.sha256 == digest  # type: ignore[attr-defined]
    assert (tmp_path / digest[:2] / digest[2:4] / digest).read_bytes() == PDF
    assert deps.attachments is not None and deps.attachments.get(digest) == PDF

    with pytest.raises(InvalidInput, match="nội dung là PNG"):
        attach(PNG, "application/pdf")
    with pytest.raises(InvalidInput):
        attach(PDF * 400, "application/pdf")
    stranger = person("xa-khac", "commune_officer", unit="00008")
    with pytest.raises(PermissionDenied):
        attach(PDF, "application/pdf", stranger)

    files = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert files == [tmp_path / digest[:2] / digest[2:4] / digest]
    router = service.router
    with router.engine(router.shard_for("01")).connect() as conn:
        rows = conn.execute(
            sa.text(
                "SELECT sha256, size_bytes, uploaded_by, client_address FROM dossier_attachments"
            )
        ).all()
    assert [tuple(r) for r in rows] == [(digest, len(PDF), "citizen-lan", "198.51.100.9")]
    service.close()
