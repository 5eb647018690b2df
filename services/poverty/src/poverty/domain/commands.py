"""Commands the poverty service accepts outside a review (a review's actions are the methods
of ``review.Review``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ansinh_common.auth.principal import Principal
from poverty.domain.model import Household, StatusChange


@dataclass(frozen=True, slots=True)
class RegisterHousehold:
    principal: Principal
    province_code: str
    household: Household


@dataclass(frozen=True, slots=True)
class RecordStatus:
    """A status decided by the commune chair, appended to the household's history."""

    principal: Principal
    province_code: str
    household_id: str
    change: StatusChange


@dataclass(frozen=True, slots=True)
class IssueCertificate:
    principal: Principal
    province_code: str
    household_id: str
    review_year: int
    issued_on: dt.date


Command = RegisterHousehold | RecordStatus | IssueCertificate
