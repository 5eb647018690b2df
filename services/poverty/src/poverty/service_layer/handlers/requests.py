"""Review requests (Mẫu 01, Mẫu 04) filed by a household online or at the commune's counter.

A request is checked when filed (``rules.review_request``: a citizen only for their own
household, Mẫu 04 only for a poor or near-poor household) and kept pending; the commune's next
review takes every pending request into its list (step 1) when it starts, and again when the
list is closed (requests filed while the list was open).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from ansinh_common.auth.principal import Principal
from ansinh_common.errors import AlreadyExists, InvalidInput, NotFound
from poverty.domain.actor import Actor
from poverty.domain.review import Request, RequestForm, Review, Step
from poverty.domain.rules.review_request import Filer, check_request
from poverty.service_layer.handlers.households import Dependencies
from poverty.service_layer.unit_of_work import AbstractUnitOfWork


@dataclass(frozen=True, slots=True)
class FiledRequest:
    request_id: str
    request: Request


def file_request(
    principal: Principal,
    province_code: str,
    household_id: str,
    form: RequestForm,
    received_on: dt.date,
    deps: Dependencies,
    new_id: Callable[[], str],
) -> FiledRequest:
    with deps.uow(province_code) as uow:
        household = uow.households.get(household_id)
        if household is None:
            raise NotFound(f"Không tìm thấy hộ {household_id} trong tỉnh {province_code}.")
        members = {m.national_id for m in household.members}
        at_counter = deps.access.file_request(principal, household.commune_code, members)
        filer = Filer(principal.national_id, at_counter)
        status = uow.households.history(household_id).as_of(received_on)
        request = check_request(form, household, status, filer, received_on)
        pending = uow.reviews.pending_requests(household.commune_code)
        if any(r.household_id == household_id for _, r in pending):
            raise AlreadyExists("Hộ đã có giấy đề nghị đang chờ đưa vào danh sách rà soát.")
        request_id = new_id()
        uow.reviews.add_request(request_id, request, household.commune_code, principal.subject)
        uow.commit()
    return FiledRequest(request_id, request)


def take_pending(review: Review, actor: Actor, uow: AbstractUnitOfWork) -> list[str]:
    """List the commune's pending requests in ``review`` (at step 1); returns the ids taken.

    A request the list cannot take (its household no longer fits the form) stays pending for
    the next review rather than blocking this one.
    """
    if review.step is not Step.LISTING:
        return []
    taken = []
    for request_id, request in uow.reviews.pending_requests(review.commune_code):
        household = uow.households.get(request.household_id)
        if household is None:
            continue
        previous = uow.households.history(request.household_id).as_of(review.started_on)
        try:
            review.take_request(
                request, village=household.village, previous_status=previous, actor=actor
            )
        except InvalidInput:
            continue
        uow.reviews.mark_listed(request_id, review.review_id)
        taken.append(request_id)
    return taken
