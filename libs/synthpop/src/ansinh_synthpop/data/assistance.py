"""Shares of monthly-allowance beneficiaries (Decree 20/2021/NĐ-CP Art. 5) and accounts.

National scale: about 3.3 million monthly-allowance beneficiaries (2023–2024, ministry
reports). Split used here (percent of all beneficiaries; approximate, from the orders of
magnitude in the ministry's annual reports: people from 80 without pension ≈ 1.6–1.7 M,
people with disabilities on the allowance ≈ 1.1–1.2 M, the remaining groups are small):

====== ===== ===========================================================
group  share note
====== ===== ===========================================================
5.5c   48.0  from 80 without pension/social insurance (largest group)
5.5a    6.0  poor elderly without supporters (poor household)
5.5b    2.5  75–80, poor/near-poor, especially disadvantaged areas
5.5d    0.5  poor elderly cared for in the community
5.6    35.9  severe / especially severe disability
5.1     2.0  children without support
5.2     0.5  16–22 still studying, formerly 5.1
5.3     0.1  children with HIV, poor household
5.4     2.5  poor / near-poor single parents
5.7     1.5  children under 3, poor/near-poor, disadvantaged areas
5.8     0.5  people with HIV, poor household
====== ===== ===========================================================

Elderly (5.5) ≈ 57 %, disability (5.6) ≈ 36 %, children and others ≈ 7 %.
"""

from __future__ import annotations

CATEGORY_SHARES: dict[str, float] = {
    "5.5c": 48.0, "5.5a": 6.0, "5.5b": 2.5, "5.5d": 0.5, "5.6": 35.9, "5.1": 2.0,
    "5.2": 0.5, "5.3": 0.1, "5.4": 2.5, "5.7": 1.5, "5.8": 0.5,
}  # fmt: skip

# Groups whose condition includes the household's poverty status (Decree 20 Art. 5).
POOR_ONLY: frozenset[str] = frozenset({"5.3", "5.5a", "5.5d", "5.8"})
POOR_OR_NEAR_POOR: frozenset[str] = frozenset({"5.4", "5.5b", "5.7"})
POVERTY_LINKED: frozenset[str] = POOR_ONLY | POOR_OR_NEAR_POOR
# Groups limited to especially disadvantaged ethnic-minority and mountain communes.
DISADVANTAGED_ONLY: frozenset[str] = frozenset({"5.5b", "5.7"})
# A poor-or-near-poor linked beneficiary lives in a poor (not near-poor) household with this
# probability; the rest of the poor/near-poor split is adjusted to keep POOR_SHARE overall.
LINKED_IN_POOR_SHARE = 0.5

# Disability among 5.6 beneficiaries (approximate; Law 51/2010 types, catalog codes).
DISABILITY_LEVEL_SHARES: dict[str, float] = {"1": 30.0, "2": 70.0}  # especially severe/severe
DISABILITY_TYPE_SHARES: dict[str, float] = {
    "1": 30.0, "2": 10.0, "3": 10.0, "4": 18.0, "5": 20.0, "6": 12.0,
}  # fmt: skip
# Age bands of 5.6 beneficiaries: (lower, upper inclusive, share).
DISABILITY_AGES: tuple[tuple[int, int, float], ...] = (
    (2, 15, 12.0),
    (16, 59, 48.0),
    (60, 95, 40.0),
)

# Payment: share paid to an account is a parameter (default 35 %); among accounts, channel
# weights by catalog code (ansinh_common.catalogs.payment_channels); otherwise cash.
ACCOUNT_CHANNEL_WEIGHTS: dict[str, float] = {
    "VBSP": 18, "AGRIBANK": 30, "VIETCOMBANK": 7, "VIETINBANK": 9, "BIDV": 9, "LPBANK": 5,
    "OTHER_BANK": 4, "MOMO": 2, "ZALOPAY": 1, "VNPTMONEY": 3, "OTHER_WALLET": 1,
    "VIETTEL_MM": 9, "VNPT_MM": 1, "MOBIFONE_MM": 1,
}  # fmt: skip
CASH_CHANNEL_WEIGHTS: dict[str, float] = {"VNPOST": 88, "CASH_COMMUNE": 12}
BANK_ACCOUNT_DIGITS: dict[str, int] = {
    "VBSP": 13, "AGRIBANK": 13, "VIETCOMBANK": 10, "VIETINBANK": 12, "BIDV": 12,
    "LPBANK": 12, "OTHER_BANK": 12,
}  # fmt: skip
MOBILE_PREFIXES: tuple[str, ...] = ("03", "05", "07", "08", "09")
