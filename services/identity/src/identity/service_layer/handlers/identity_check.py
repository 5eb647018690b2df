"""The citizen identity check against the national population database."""

from __future__ import annotations

import logging

from ansinh_common.auth.principal import Principal
from ansinh_common.errors import FieldError, InvalidInput
from identity.domain.access import require_identity_check
from identity.domain.commands import CheckCitizenIdentity
from identity.domain.identity_check import CheckResult, Declared, clean_national_id, compare
from identity.service_layer.dependencies import Services

log = logging.getLogger(__name__)


def check_citizen_identity(
    cmd: CheckCitizenIdentity, principal: Principal, services: Services
) -> CheckResult:
    missing = [
        FieldError(name, "Không được để trống.", "required")
        for name, value in (
            ("full_name", cmd.full_name.strip()),
            ("birth_date", cmd.birth_date),
            ("gender", cmd.gender),
        )
        if not value
    ]
    if missing:
        raise InvalidInput("Thiếu thông tin để xác thực định danh.", errors=missing)
    number = clean_national_id(cmd.national_id)
    require_identity_check(principal, number or cmd.national_id)
    declared = Declared(cmd.national_id, cmd.full_name, cmd.birth_date, cmd.gender)
    record = services.population.lookup(number) if number else None
    result = compare(declared, record)
    log.info(
        "identity check",
        extra={"actor": principal.username, "matched": result.matched,
               "reasons": [m.code for m in result.mismatches]},
    )  # fmt: skip
    return result
