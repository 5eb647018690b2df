"""The village meeting's vote: a household's line passes with at least half of the attendees.

A household whose line does not reach 50 % of the attendees goes back to the survey (step 2).
"""

from __future__ import annotations

LEGAL_BASIS = "Decision 24/2021/QĐ-TTg (village meeting: agreement of at least 50 % of attendees)"


def passes(agreeing: int, attendees: int) -> bool:
    """True when ``agreeing`` is at least half of ``attendees`` (at least one attendee)."""
    if attendees <= 0 or not 0 <= agreeing <= attendees:
        raise ValueError("agreeing must be between 0 and a positive number of attendees")
    return agreeing * 2 >= attendees
