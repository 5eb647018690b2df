"""Correct a line of a closed month by an adjustment line in a later draft (ADR 0020)."""

from __future__ import annotations

from ansinh_common.auth.principal import Principal
from ansinh_common.authz import UnitTree
from payment.domain.corrections import Correction, correction
from payment.domain.errors import InvalidAdjustment
from payment.service_layer.handlers.exports import open_list
from payment.service_layer.settlement_access import require_settle
from payment.service_layer.settlement_ports import SettlementStore


def add_correction(
    store: SettlementStore,
    target_list_id: str,
    corrected_line_id: str,
    new_amount: int,
    reason: str,
    principal: Principal,
    units: UnitTree,
) -> Correction:
    header = open_list(store, target_list_id)
    require_settle(principal, header.commune_code, units)
    corrected = store.corrected_line(corrected_line_id)
    if corrected is None:
        raise InvalidAdjustment(f"Không có dòng '{corrected_line_id}' để điều chỉnh.")
    target = store.list_facts(header)
    made = correction(target, corrected, new_amount, reason)
    if not store.add_adjustment(header, made, principal.subject):
        raise InvalidAdjustment(
            f"Đã có dòng điều chỉnh cho dòng {corrected_line_id} trong danh sách này."
        )
    store.commit()
    return made
