"""Which fields a writer may change (Circular 11/2019/TT-BLĐTBXH Art. 4.1).

Beneficiaries, their legal representatives and public-service units register and update
**personal** information; they may not change the **policy** information (category,
coefficient, amounts, decision) — only the competent agency does (Art. 4.1, 4.3). This check
is about fields only: pair it with ``require(principal, Action.WRITE, resource, ...)``.
"""

from __future__ import annotations

from collections.abc import Iterable

from ansinh_common.auth.principal import Principal
from ansinh_common.authz.decision import owns
from ansinh_common.authz.errors import raise_if_refused
from ansinh_common.authz.model import Decision, Resource
from ansinh_common.authz.reasons import ReasonCode, message
from ansinh_common.authz.roles import role_specs
from ansinh_common.authz.tables import POLICY_FIELD_KINDS
from ansinh_common.errors import FieldError

POLICY_FIELD_ERROR_CODE = "policy_field_locked"


def locked_fields(changed_fields: Iterable[str], policy_fields: Iterable[str]) -> list[str]:
    """The changed fields that are policy fields, sorted.

    A field path is a policy field if it equals one of ``policy_fields`` or lies inside one
    (``benefit.coefficient`` and ``benefit[0]`` are inside ``benefit``).
    """
    policy = tuple(policy_fields)
    return sorted(
        {
            path
            for path in changed_fields
            if any(path == p or path.startswith((p + ".", p + "[")) for p in policy)
        }
    )


def check_field_change(
    principal: Principal,
    changed_fields: Iterable[str],
    policy_fields: Iterable[str],
    *,
    resource: Resource | None = None,
) -> Decision:
    """May ``principal`` change these fields? Officers and leaders may change policy fields,
    except on a ``resource`` they own themselves; everyone else personal fields only."""
    locked = locked_fields(changed_fields, policy_fields)
    specs = role_specs(principal.roles)
    if not locked:
        code = ReasonCode.PERSONAL_FIELDS_ONLY
        return Decision(True, code, message(code), specs[0].role.value if specs else None)
    official = [s for s in specs if s.kind in POLICY_FIELD_KINDS]
    if official and not (resource is not None and owns(principal, resource)):
        code = ReasonCode.COMPETENT_AGENCY
        return Decision(True, code, message(code), official[0].role.value)
    code = ReasonCode.POLICY_FIELDS_LOCKED
    refused_role = specs[0].role.value if specs else None
    return Decision(False, code, message(code, fields=", ".join(locked)), refused_role)


def require_field_change(
    principal: Principal,
    changed_fields: Iterable[str],
    policy_fields: Iterable[str],
    *,
    resource: Resource | None = None,
) -> Decision:
    """``check_field_change``, raising ``AccessDenied`` with one ``FieldError`` per locked field."""
    changed, policy = tuple(changed_fields), tuple(policy_fields)
    decision = check_field_change(principal, changed, policy, resource=resource)
    errors = [
        FieldError(path, "Không được thay đổi thông tin về chính sách.", POLICY_FIELD_ERROR_CODE)
        for path in locked_fields(changed, policy)
    ]
    return raise_if_refused(decision, errors=errors if not decision.allowed else ())
