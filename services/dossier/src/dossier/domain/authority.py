"""Who may take an action on a dossier: role kind, level and unit of the step, and the
segregation of duties. The generic checks of ``ansinh_common.authz`` (roles and levels) are
reused; the unit must be exactly the unit that handles the current step.
"""

from __future__ import annotations

from ansinh_common.authz import Kind, Level
from ansinh_common.authz.reasons import ReasonCode, message
from ansinh_common.authz.roles import LEVEL_LABELS
from dossier.domain.actor import Actor
from dossier.domain.errors import NotResponsible, SegregationOfDuties
from dossier.domain.plan import PlannedStep

LEGAL_BASIS = "Circular 11/2019/TT-BLĐTBXH Art. 4, 6; Decree 20/2021/NĐ-CP Art. 8.1"

KIND_LABELS = {
    Kind.OFFICER: "cán bộ",
    Kind.LEADER: "lãnh đạo",
    Kind.CITIZEN: "công dân",
    Kind.ADMIN: "quản trị hệ thống",
}


def require_official(
    actor: Actor, unit_code: str, level: Level, kinds: frozenset[Kind], what: str
) -> None:
    """The actor holds one of ``kinds`` at ``level`` and belongs to exactly ``unit_code``."""
    if not actor.holds(kinds, level):
        who = " hoặc ".join(sorted(KIND_LABELS[k] for k in kinds))
        raise NotResponsible(f"Việc «{what}» do {who} cấp {LEVEL_LABELS[level]} thực hiện.")
    if actor.unit_code != unit_code:
        raise NotResponsible(
            f"Việc «{what}» do đơn vị {unit_code} thực hiện, "
            f"không phải đơn vị của tài khoản ({actor.unit_code or 'chưa gắn đơn vị'})."
        )


def require_step_actor(
    actor: Actor,
    planned: PlannedStep,
    applicant_national_id: str | None,
    *,
    extra_kinds: frozenset[Kind] = frozenset(),
) -> None:
    """The actor may act in ``planned``'s step and is not the applicant."""
    step = planned.step
    require_official(actor, planned.unit_code, step.level, step.roles | extra_kinds, step.name)
    require_not_applicant(actor, applicant_national_id)


def require_not_applicant(actor: Actor, applicant_national_id: str | None) -> None:
    if applicant_national_id and actor.national_id == applicant_national_id:
        raise NotResponsible(message(ReasonCode.CONFLICT_OF_INTEREST))


def require_other_person(actor: Actor, earlier_subject: str | None, rule: str) -> None:
    """Segregation of duties: ``actor`` must not be who did the earlier step."""
    if earlier_subject is not None and actor.subject == earlier_subject:
        raise SegregationOfDuties(rule)


APPRAISER_CANNOT_APPROVE = (
    "Cán bộ đã thẩm định hồ sơ không được phê duyệt hoặc từ chối phê duyệt chính hồ sơ đó."
)
DRAFTER_CANNOT_SIGN = "Người lập dự thảo quyết định không được ký quyết định đó."
