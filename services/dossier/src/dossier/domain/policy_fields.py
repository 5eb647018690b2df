"""Policy fields: a citizen states facts, officers classify (Circular 11/2019 Art. 4.1).

A citizen or representative who sends a category, coefficient, amount or decision (or any
form field marked ``policy``) is refused with 403 naming each field; the check is the shared
``ansinh_common.authz.require_field_change``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ansinh_common.authz import require_field_change
from dossier.domain.actor import Actor
from dossier.domain.procedures.model import Form

LEGAL_BASIS = "Circular 11/2019/TT-BLĐTBXH Art. 4.1"
POLICY_FIELDS: tuple[str, ...] = (
    "category",
    "category_code",
    "coefficient",
    "amount",
    "decision",
    "decision_number",
)


def policy_fields_of(form: Form) -> tuple[str, ...]:
    return (*POLICY_FIELDS, *(f.name for f in form.fields if f.policy))


def _paths(values: Mapping[str, Any]) -> Iterable[str]:
    return (f"values.{name}" for name in values)


def require_no_policy_fields(actor: Actor, form: Form, values: Mapping[str, Any]) -> None:
    """Refuse (``AccessDenied``, 403) policy fields sent by anyone but an official."""
    policy = [f"values.{name}" for name in policy_fields_of(form)]
    require_field_change(actor.principal, _paths(values), policy)
