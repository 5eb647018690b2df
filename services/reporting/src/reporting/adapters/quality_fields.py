"""The data-quality campaign's required fields as SQL conditions on ``rm_beneficiary``: when
a record has the field, and when it needs it (``:account_channels``: the payment channels
that need an account). Shared by the direct count and the pre-aggregated one (ADR 0034)."""

from __future__ import annotations

QUALITY = {
    # field: (present when, applicable when)
    "personal_id": ("NOT 'personal_id_missing' = ANY(findings)", "true"),
    "gender": ("NOT 'gender_mismatch' = ANY(findings)", "true"),
    "ethnicity": ("NOT 'ethnicity_missing' = ANY(findings)", "true"),
    "disability_type": (
        "category_code = '5.6' AND NOT 'disability_type_missing' = ANY(findings)",
        "category_code = '5.6'",
    ),
    "decision_number": ("NOT 'decision_number_missing' = ANY(findings)", "true"),
    "decision_date": ("NOT 'decision_date_missing' = ANY(findings)", "true"),
    "account": (
        "payment_channel_code = ANY(:account_channels) AND NOT 'account_missing' = ANY(findings)",
        "payment_channel_code = ANY(:account_channels)",
    ),
}
