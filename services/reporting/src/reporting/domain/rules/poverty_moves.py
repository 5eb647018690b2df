"""Entries into and exits from poverty and near-poverty, from one status decision."""

from __future__ import annotations

LEGAL_BASIS = (
    "Decree 07/2021/NĐ-CP (multidimensional poverty standard 2022-2025) and Decision "
    "24/2021/QĐ-TTg (annual review of poor and near-poor households: households entering and "
    "leaving poverty and near-poverty are reported per unit)"
)

POOR = "poor"
NEAR_POOR = "near_poor"
MOVES: tuple[str, ...] = (
    "entered_poverty",
    "entered_near_poverty",
    "left_poverty",
    "left_near_poverty",
)


def moves(previous: str, status: str) -> tuple[str, ...]:
    """The moves one decision makes (the poverty service's review figures count the same)."""
    found: list[str] = []
    if status == POOR and previous != POOR:
        found.append("entered_poverty")
    if status == NEAR_POOR and previous not in (POOR, NEAR_POOR):
        found.append("entered_near_poverty")
    if previous == POOR and status != POOR:
        found.append("left_poverty")
    if previous == NEAR_POOR and status not in (POOR, NEAR_POOR):
        found.append("left_near_poverty")
    return tuple(found)
