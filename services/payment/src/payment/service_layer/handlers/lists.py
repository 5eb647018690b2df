"""Use cases of the monthly lists: generate (set-based, locked per commune and month),
approve (maker–checker), and the communes late for a month (Decree 20/2021 Art. 34)."""

from __future__ import annotations

from ansinh_common.authz import Action, UnitTree
from payment.domain.commands import ApproveList, CloseMonth, GenerateList
from payment.domain.errors import WrongListState
from payment.domain.payment_list import ListSummary, PaymentList
from payment.service_layer.access import province_of_commune, require_on
from payment.service_layer.ports import CommuneLock
from payment.service_layer.unit_of_work import UnitOfWorkFactory


def check_generate(cmd: GenerateList, units: UnitTree) -> str:
    """The commune exists and the caller may prepare its list."""
    province = province_of_commune(cmd.commune_code)
    require_on(cmd.principal, Action.WRITE, cmd.commune_code, units)
    return province


def check_can_start(cmd: GenerateList, *, uow: UnitOfWorkFactory, units: UnitTree) -> str:
    """Before a generation job is started: the checks of ``check_generate`` and the list's
    state (a closed month or a list no longer a draft is refused at once, not by the job)."""
    province = check_generate(cmd, units)
    with uow(province) as u:
        payment_list = u.lists.get(cmd.commune_code, cmd.month)
        if payment_list is not None:
            payment_list.check_can_generate()
    return province


def generate_list(
    cmd: GenerateList, *, uow: UnitOfWorkFactory, lock: CommuneLock, units: UnitTree
) -> tuple[ListSummary, bool]:
    """(Re)generate the list; returns its summary and whether anything changed."""
    province = check_generate(cmd, units)
    with lock.hold(cmd.commune_code, cmd.month), uow(province) as u:
        payment_list = u.lists.get(cmd.commune_code, cmd.month)
        if payment_list is None:
            payment_list = PaymentList(
                province, cmd.commune_code, cmd.month, prepared_by=cmd.principal.subject
            )
            u.lists.add(payment_list)
        payment_list.check_can_generate()  # closed month, or no longer a draft: refused
        summary = u.lines.generate(payment_list, u.policies.get(province))
        changed = payment_list.record_generated(
            summary, cmd.principal.subject, cmd.principal.name or cmd.principal.username
        )
        u.commit()
        return summary, changed


def approve_list(cmd: ApproveList, *, uow: UnitOfWorkFactory, units: UnitTree) -> PaymentList:
    province = province_of_commune(cmd.commune_code)
    require_on(cmd.principal, Action.DECIDE, cmd.commune_code, units)
    with uow(province) as u:
        payment_list = u.lists.get(cmd.commune_code, cmd.month)
        if payment_list is None:
            raise WrongListState("phê duyệt", "chưa lập")
        payment_list.approve(cmd.principal.subject, cmd.principal.name or cmd.principal.username)
        policy = u.policies.get(province)
        policy.mark_used(payment_list.setting_keys, payment_list.month)
        u.policies.save(policy)
        u.commit()
        return payment_list


def close_month(cmd: CloseMonth, *, uow: UnitOfWorkFactory, units: UnitTree) -> PaymentList:
    """Close an exported list's month (a leader's decision on the commune): the list is then
    locked; corrections are adjustment lines in a later month (ADR 0020)."""
    province = province_of_commune(cmd.commune_code)
    require_on(cmd.principal, Action.DECIDE, cmd.commune_code, units)
    with uow(province) as u:
        payment_list = u.lists.get(cmd.commune_code, cmd.month)
        if payment_list is None:
            raise WrongListState("khóa sổ", "chưa lập")
        payment_list.close(cmd.principal.subject)
        u.commit()
        return payment_list
