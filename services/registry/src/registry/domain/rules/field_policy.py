"""Personal fields versus policy fields of a beneficiary record.

Beneficiaries, their legal representatives and public-service units may register and update
**personal** information only; the benefit/policy information (category, coefficient, amounts,
decision — and here also disability facts, care support and the payment account, which decide
or carry the money) is changed only by the competent agency. The check itself is
``ansinh_common.authz.require_field_change``; this module says which fields are which.
"""

from __future__ import annotations

LEGAL_BASIS = "Circular 11/2019/TT-BLĐTBXH Art. 4.1 (and Art. 4.3 for the competent agency)"

PERSONAL_FIELDS: frozenset[str] = frozenset(
    {"full_name", "birth_date", "gender", "personal_id", "ethnicity_code", "contact"}
)
POLICY_FIELDS: frozenset[str] = frozenset(
    {
        "category",
        "coefficient",
        "care_support",
        "decision",
        "start_month",
        "status",
        "disability",
        "payment",
    }
)
