"""Commands of the payment service: what a caller asks for (small dataclasses, no I/O)."""

from __future__ import annotations

from dataclasses import dataclass

from ansinh_common.auth.principal import Principal
from payment.domain.months import Month
from payment.domain.policy import Setting


@dataclass(frozen=True, slots=True)
class GenerateList:
    principal: Principal
    commune_code: str
    month: Month


@dataclass(frozen=True, slots=True)
class ApproveList:
    principal: Principal
    commune_code: str
    month: Month


@dataclass(frozen=True, slots=True)
class CloseMonth:
    principal: Principal
    commune_code: str
    month: Month


@dataclass(frozen=True, slots=True)
class RecordSetting:
    principal: Principal
    province_code: str
    setting: Setting
