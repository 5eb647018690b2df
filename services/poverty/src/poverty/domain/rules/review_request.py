"""Who may file a review request (Mẫu 01, Mẫu 04) for a household, and which form fits it.

* A household asks for a review (Mẫu 01) or for recognition as having left poverty or
  near-poverty (Mẫu 04), online, at the commune or by post; the request goes into the commune's
  next review list (step 1).
* A citizen files online for the household they belong to (their own personal ID number is a
  member's); the commune's officer files at the counter for any household of the commune.
* Mẫu 04 is only for a household that is poor or near-poor on the day it is received.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ansinh_common.errors import InvalidInput, PermissionDenied
from poverty.domain.errors import field_error
from poverty.domain.model import Household, HouseholdStatus
from poverty.domain.review import Channel, Request, RequestForm

LEGAL_BASIS = (
    "Decision 24/2021/QĐ-TTg Art. 4.1 and Appendix (Mẫu 01 giấy đề nghị rà soát, Mẫu 04 giấy "
    "đề nghị công nhận thoát nghèo, thoát cận nghèo; filed in person, by post or online)"
)
VERIFIED = False  # DOMAIN.md: the forms' numbering under Circular 13/2025/TT-BNNMT (verify)


@dataclass(frozen=True, slots=True)
class Filer:
    """Who files: a citizen (their personal ID number) or the commune's officer (counter)."""

    national_id: str | None
    at_counter: bool


def check_request(
    form: RequestForm,
    household: Household,
    status_on_receipt: HouseholdStatus,
    filer: Filer,
    received_on: dt.date,
) -> Request:
    """The request as the review list takes it, or why it cannot be filed."""
    if not filer.at_counter:
        members = {m.national_id for m in household.members}
        if not filer.national_id or filer.national_id not in members:
            raise PermissionDenied(
                "Công dân chỉ nộp giấy đề nghị cho hộ gia đình mà mình là thành viên."
            )
    if form is RequestForm.MAU_04 and not status_on_receipt.is_poor_or_near_poor:
        raise InvalidInput(
            errors=[
                field_error(
                    "form",
                    "Mẫu 04 (đề nghị công nhận thoát nghèo, thoát cận nghèo) chỉ dành cho hộ "
                    f"đang là hộ nghèo, hộ cận nghèo (hộ hiện ở diện "
                    f"{status_on_receipt.label}).",
                )
            ]
        )
    channel = Channel.COMMUNE if filer.at_counter else Channel.ONLINE
    return Request(form, household.household_id, received_on, channel)
