"""Record how a beneficiary is paid from a month on (the ID → account mapping, with history)."""

from __future__ import annotations

from ansinh_common.auth.principal import Principal
from ansinh_common.authz import UnitTree
from ansinh_common.errors import FieldError
from payment.domain.channel_assignment import ChannelAssignment, assignment_errors
from payment.domain.errors import ChannelAlreadyRecorded, InvalidChannel
from payment.service_layer.access import province_of_commune
from payment.service_layer.settlement_access import require_settle
from payment.service_layer.settlement_ports import SettlementStore


def record_channel(
    store: SettlementStore,
    assignment: ChannelAssignment,
    commune_code: str,
    principal: Principal,
    units: UnitTree,
) -> bool:
    """Adds a version valid from its month; the same version again changes nothing (returns
    False); another version for a month already recorded is refused (history is not edited).
    Recorded by the staff of the commune that pays the person (``commune_code``)."""
    if province_of_commune(commune_code) != store.province_code:
        raise InvalidChannel([FieldError("commune_code", f"Xã '{commune_code}' không thuộc "
                                         f"tỉnh {store.province_code}.", "invalid")])  # fmt: skip
    require_settle(principal, commune_code, units)
    errors = assignment_errors(assignment)
    if not assignment.beneficiary_id.strip():
        errors.insert(0, FieldError("channel.national_id", "Thiếu số định danh.", "required"))
    if errors:
        raise InvalidChannel(errors)
    for existing in store.channel_history(assignment.beneficiary_id):
        if existing.valid_from == assignment.valid_from:
            if existing == assignment:
                return False
            raise ChannelAlreadyRecorded(str(assignment.valid_from))
    store.add_channel(assignment, principal.subject)
    store.commit()
    return True
