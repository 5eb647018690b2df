"""A dossier sent by a provincial one-stop system: what it must hold before it is created.

The decoded message (``InboundDossier``, no wire format here) is checked as a whole and every
problem is named with its field, so the dead-letter record says exactly what was wrong. The
dossier is keyed by the provincial dossier code: the same provincial dossier is created once,
however often the province delivers it (the intake's repository looks the code up first).
The form's values themselves are validated by the intake, as for any other submission.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ansinh_common.catalogs import personal_id
from ansinh_common.errors import FieldError
from dossier.domain.channel import Channel
from dossier.domain.errors import ProvincialMessageRefused, field_error
from dossier.domain.procedures.catalog import ProcedureCatalog
from dossier.domain.procedures.model import Procedure
from dossier.domain.rules.provincial_sync import SyncModes

PROVINCIAL_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/-]{2,63}$")
COMMUNE_CODE = re.compile(r"^\d{5}$")
MAX_CLOCK_SKEW = dt.timedelta(minutes=10)


@dataclass(frozen=True, slots=True, kw_only=True)
class InboundApplicant:
    personal_id: str
    full_name: str
    birth_date: dt.date | None
    gender: str
    phone: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class InboundDossier:
    provincial_code: str
    province_code: str
    procedure_code: str
    procedure_id: str
    purpose: str
    form: str
    commune_code: str
    channel: int
    submitted_at: dt.datetime | None
    applicant: InboundApplicant | None
    values: Mapping[str, Any] = field(default_factory=dict)
    due_on: dt.date | None = None


def check_inbound(
    dossier: InboundDossier,
    *,
    topic_province: str,
    modes: SyncModes,
    catalog: ProcedureCatalog,
    commune_in_province: Callable[[str, str], bool],
    now: dt.datetime,
) -> Procedure:
    """The procedure the dossier is for; ``ProvincialMessageRefused`` naming every problem."""
    if not modes.accepts_inbound(topic_province):
        raise ProvincialMessageRefused(
            f"Tỉnh {topic_province} không đồng bộ hồ sơ với hệ thống (chế độ "
            f"{modes.mode_of(topic_province).value})."
        )
    errors: list[FieldError] = []
    if not PROVINCIAL_CODE.match(dossier.provincial_code):
        errors.append(field_error("provincial_code", "Mã hồ sơ của tỉnh trống hoặc sai định dạng."))
    if dossier.province_code != topic_province:
        errors.append(
            field_error(
                "province_code",
                f"Mã tỉnh {dossier.province_code!r} khác tỉnh của chủ đề ({topic_province}).",
            )
        )
    procedure = _procedure(dossier, catalog, errors)
    if not COMMUNE_CODE.match(dossier.commune_code) or not commune_in_province(
        dossier.commune_code, topic_province
    ):
        errors.append(
            field_error("commune_code", f"Xã {dossier.commune_code!r} không thuộc tỉnh này.")
        )
    if dossier.channel not in {c.value for c in Channel}:
        errors.append(field_error("channel", "Kênh thực hiện phải là 1, 2 hoặc 3."))
    if dossier.submitted_at is None:
        errors.append(field_error("submitted_at", "Thiếu thời điểm tiếp nhận."))
    elif dossier.submitted_at > now + MAX_CLOCK_SKEW:
        errors.append(field_error("submitted_at", "Thời điểm tiếp nhận ở tương lai."))
    errors.extend(_applicant_errors(dossier.applicant))
    if errors or procedure is None:
        raise ProvincialMessageRefused(
            "Hồ sơ từ hệ thống một cửa cấp tỉnh có thông tin thiếu hoặc sai.", errors=errors
        )
    return procedure


def _procedure(
    dossier: InboundDossier, catalog: ProcedureCatalog, errors: list[FieldError]
) -> Procedure | None:
    """The one definition the national code (and the procedure id, if given) names, with the
    purpose and form the dossier uses."""
    found = [
        p
        for p in catalog.by_national_code(dossier.procedure_code)
        if not dossier.procedure_id or p.id == dossier.procedure_id
    ]
    ids = sorted({p.id for p in found})
    if len(ids) != 1:
        message = (
            f"Không có thủ tục mã {dossier.procedure_code!r}."
            if not ids
            else f"Mã thủ tục {dossier.procedure_code!r} ứng với nhiều định nghĩa {ids}: "
            "cần procedure_id."
        )
        errors.append(field_error("procedure_id" if ids else "procedure_code", message))
        return None
    procedure = max(found, key=lambda p: p.valid_from)
    try:
        procedure.purpose(dossier.purpose)
    except KeyError:
        errors.append(field_error("purpose", f"Thủ tục không có mục đích {dossier.purpose!r}."))
    if dossier.form not in procedure.forms:
        errors.append(field_error("form", f"Thủ tục không có mẫu tờ khai {dossier.form!r}."))
    return procedure


def _applicant_errors(applicant: InboundApplicant | None) -> list[FieldError]:
    if applicant is None:
        return [field_error("applicant", "Thiếu thông tin người nộp.")]
    errors: list[FieldError] = []
    if not personal_id.is_valid(applicant.personal_id):
        errors.append(field_error("applicant.personal_id", "Số định danh cá nhân không hợp lệ."))
    if not applicant.full_name.strip():
        errors.append(field_error("applicant.full_name", "Thiếu họ và tên."))
    if applicant.gender not in {"male", "female"}:
        errors.append(field_error("applicant.gender", "Giới tính phải là male hoặc female."))
    return errors
