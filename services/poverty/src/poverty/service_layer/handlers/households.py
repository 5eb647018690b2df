"""Use cases on households outside a review: register, record a decided status, certify.

Each opens the unit of work of the household's province, checks access (``Access``), applies
the domain and commits state and events together.
"""

from __future__ import annotations

from dataclasses import dataclass

from ansinh_common.authz import Action
from ansinh_common.errors import AlreadyExists, NotFound
from poverty.domain import certificate
from poverty.domain.certificate import CertificateContent
from poverty.domain.commands import IssueCertificate, RecordStatus, RegisterHousehold
from poverty.domain.events import HouseholdLeftPoverty, HouseholdStatusDecided
from poverty.domain.model import Household, HouseholdStatus
from poverty.domain.rules.decided_change import check_decided_change
from poverty.domain.rules.review_outcome import left_poverty
from poverty.service_layer.access import Access
from poverty.service_layer.unit_of_work import AbstractUnitOfWork, UnitOfWorkFactory


@dataclass(frozen=True)
class Dependencies:
    uow: UnitOfWorkFactory
    access: Access


def _household(uow: AbstractUnitOfWork, household_id: str) -> Household:
    found = uow.households.get(household_id)
    if found is None:
        raise NotFound(f"Không tìm thấy hộ {household_id} trong tỉnh {uow.province_code}.")
    return found


def register_household(cmd: RegisterHousehold, deps: Dependencies) -> str:
    household = cmd.household
    deps.access.check_residence(cmd.province_code, household.commune_code)
    deps.access.household(cmd.principal, Action.WRITE, household.commune_code)
    with deps.uow(cmd.province_code) as uow:
        if uow.households.get(household.household_id) is not None:
            raise AlreadyExists(f"Hộ {household.household_id} đã được đăng ký.")
        uow.households.add(cmd.province_code, household, cmd.principal.subject)
        uow.commit()
    return household.household_id


def record_status(cmd: RecordStatus, deps: Dependencies) -> HouseholdStatus:
    """Append a decided status; events as a review's decision raises them."""
    with deps.uow(cmd.province_code) as uow:
        household = _household(uow, cmd.household_id)
        deps.access.household(cmd.principal, Action.DECIDE, household.commune_code)
        uow.households.lock(cmd.household_id)
        history = uow.households.history(cmd.household_id)
        change = cmd.change
        check_decided_change(household, change)
        previous = history.as_of(change.effective_on)
        history.record(change)  # refuses a change effective before the last one
        uow.households.append_change(cmd.household_id, change, "")
        uow.publish(
            HouseholdStatusDecided(
                review_id="",
                household_id=cmd.household_id,
                commune_code=household.commune_code,
                review_year=change.review_year,
                previous_status=previous,
                status=change.status,
                effective_on=change.effective_on,
                decision_number=change.decision_number,
                decided_by=change.decided_by,
                standard_code=change.standard_code,
                deprivations=change.deprivations,
                low_income_members=tuple(sorted(change.low_income_members)),
            )
        )
        if left_poverty(previous, change.status):
            uow.publish(
                HouseholdLeftPoverty(
                    review_id="",
                    household_id=cmd.household_id,
                    commune_code=household.commune_code,
                    review_year=change.review_year,
                    status=change.status,
                    effective_on=change.effective_on,
                    decision_number=change.decision_number,
                )
            )
        uow.commit()
    return previous


def issue_certificate(cmd: IssueCertificate, deps: Dependencies) -> CertificateContent:
    """Number the certificate per commune and year (allocated under a lock) and raise its event."""
    with deps.uow(cmd.province_code) as uow:
        household = _household(uow, cmd.household_id)
        deps.access.household(cmd.principal, Action.DECIDE, household.commune_code)
        uow.households.lock(cmd.household_id)
        if any(
            c.review_year == cmd.review_year for c in uow.households.certificates(cmd.household_id)
        ):
            raise AlreadyExists(
                f"Hộ {cmd.household_id} đã được cấp giấy chứng nhận năm {cmd.review_year}."
            )
        history = uow.households.history(cmd.household_id)
        serial = uow.households.next_certificate_serial(household.commune_code, cmd.review_year)
        content, event = certificate.issue_certificate(
            serial, household, history, cmd.issued_on, cmd.principal.subject
        )
        uow.households.add_certificate(
            commune_code=household.commune_code,
            year=cmd.review_year,
            serial=serial,
            number=content.number,
            household_id=household.household_id,
            status=event.status.value,
            issued_on=cmd.issued_on,
            issued_by=cmd.principal.subject,
        )
        uow.publish(event)
        uow.commit()
    return content
