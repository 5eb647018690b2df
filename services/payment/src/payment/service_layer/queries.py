"""Read-side use cases of the payment service, each checked with ``ansinh_common.authz``.

A list, its lines and its reconciliation are read by the commune's staff and the units
above it; a province's settings, late communes and suspension proposals by the province's
staff (and the ministry). Explain reads one person's projection and the province's policy.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from ansinh_common.auth.principal import Principal
from ansinh_common.authz import Action, UnitTree, mask_identifier
from ansinh_common.errors import FieldError, InvalidInput, NotFound
from payment.domain.explain import Explanation, explain
from payment.domain.months import Month
from payment.domain.payment_list import PaymentList
from payment.domain.policy import ProvincePolicy
from payment.domain.rules.list_deadline import LateList, late_communes
from payment.service_layer import read_ports
from payment.service_layer.access import province_of_commune, require_on, sees_identifiers_on
from payment.service_layer.read_ports import LineView, PaymentReads, ProposalView
from payment.service_layer.unit_of_work import UnitOfWorkFactory


class PersonNotFound(NotFound):
    def __init__(self, national_id: str) -> None:
        super().__init__(
            f"Không có đối tượng '{national_id}' trong dữ liệu chi trả của tỉnh.",
            title="Không tìm thấy",
        )


class ListNotFound(NotFound):
    def __init__(self, commune_code: str, month: Month) -> None:
        super().__init__(
            f"Xã {commune_code} chưa lập danh sách chi trả tháng {month}.",
            title="Không tìm thấy",
        )


@dataclass(frozen=True, slots=True)
class ListView:
    header: PaymentList
    lines: list[LineView]
    next_token: str = ""  # the next page of lines; empty on the last


def payment_list(
    principal: Principal, commune_code: str, month: Month, *, uow: UnitOfWorkFactory,
    reads: PaymentReads, units: UnitTree, with_lines: bool = True, page_size: int = 0,
    page_token: str = "",
) -> ListView:  # fmt: skip
    """The list's header (totals over the whole list) and one page of its lines."""
    province = province_of_commune(commune_code)
    require_on(principal, Action.READ, commune_code, units)
    size = read_ports.page_size(page_size)
    with uow(province) as u:
        found = u.lists.get(commune_code, month)
    if found is None:
        raise ListNotFound(commune_code, month)
    if not with_lines:
        return ListView(found, [])
    page = reads.line_page(province, found.id, size, page_token)
    lines = page.lines
    if not sees_identifiers_on(principal, commune_code, units):
        lines = [replace(line, national_id=mask_identifier(line.national_id) or "")
                 for line in lines]  # fmt: skip
    return ListView(found, lines, page.next_token)


def settings(
    principal: Principal, province_code: str, *, uow: UnitOfWorkFactory, units: UnitTree
) -> ProvincePolicy:
    require_on(principal, Action.READ, province_code, units)
    with uow(province_code) as u:
        return u.policies.get(province_code)


def explain_month(
    principal: Principal, province_code: str, national_id: str, month: Month, *,
    uow: UnitOfWorkFactory, units: UnitTree,
) -> Explanation:  # fmt: skip
    """What the person is owed in ``month`` and why; read by the staff of their commune and
    the units above it."""
    with uow(province_code) as u:
        person = u.entitlements.person(national_id)
        policy = u.policies.get(province_code)
    if person is None or person.province_code != province_code:
        raise PersonNotFound(national_id)
    require_on(principal, Action.READ, person.commune_code, units)
    return explain(person, month, policy)


def late(
    principal: Principal, province_code: str, month: Month, today: date, *,
    reads: PaymentReads, units: UnitTree,
) -> tuple[LateList, ...]:  # fmt: skip
    require_on(principal, Action.READ, province_code, units)
    return late_communes(month, reads.approvals(province_code, month), today)


def suspension_proposals(
    principal: Principal, province_code: str, commune_code: str | None, month: Month | None,
    *, reads: PaymentReads, units: UnitTree,
) -> list[ProposalView]:  # fmt: skip
    if commune_code:
        if province_of_commune(commune_code) != province_code:
            message = f"Xã '{commune_code}' không thuộc tỉnh {province_code}."
            raise InvalidInput(errors=[FieldError("commune_code", message, "invalid")])
        require_on(principal, Action.READ, commune_code, units)
    else:
        require_on(principal, Action.READ, province_code, units)
    return reads.proposals(province_code, commune_code, month)
