"""Import a channel's results file for a list; reconcile; carry failures; propose suspensions.

All rows are parsed and checked first; one error refuses the whole file (errors name the row
and the column), so nothing is half applied. Then, in one transaction: the results, a
carry-over for every failed or returned line (the next month's generation lists it as a line
of its own), a ``PaymentResultRecorded`` event per line, and a suspension proposal for anyone
whose last 3 listed months were not collected (Circular 02/2021/TT-BLĐTBXH Art. 2.3).
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ansinh_common.auth.principal import Principal
from ansinh_common.authz import UnitTree
from ansinh_common.catalogs.payment_channels import get_payment_channel
from ansinh_common.errors import FieldError
from payment.domain.channel_assignment import CASH_KINDS
from payment.domain.errors import InvalidResultsFile, WrongListState
from payment.domain.events import PaymentResultRecorded
from payment.domain.result_rows import (
    ExpectedLine,
    RowError,
    check_row,
    parse_row,
)
from payment.domain.results import Outcome, PaymentResult, Reconciliation, reconcile_amounts
from payment.domain.rules.suspension import propose_suspension
from payment.service_layer.handlers.exports import STATE_LABELS, open_list, require_open
from payment.service_layer.settlement_access import require_read, require_settle
from payment.service_layer.settlement_ports import ChannelLine, SettlementStore


@dataclass(frozen=True, slots=True)
class ResultsImported:
    import_id: str
    paid: int
    failed: int
    returned: int
    carried_over: int
    suspension_proposals: int


def import_results(
    store: SettlementStore,
    list_id: str,
    channel_code: str,
    rows: Sequence[tuple[int, Mapping[str, object]]],
    principal: Principal,
    units: UnitTree,
) -> ResultsImported:
    """``rows``: (row number in the file, column key → cell) as ``adapters.results_file``
    reads them."""
    header = open_list(store, list_id)
    require_settle(principal, header.commune_code, units)
    require_open(header)
    if header.state != "exported":
        raise WrongListState("nhập kết quả chi trả", STATE_LABELS.get(header.state, header.state))
    lines = store.channel_lines(list_id, channel_code)
    known = store.outcomes(list_id)
    cash = get_payment_channel(channel_code).kind in CASH_KINDS
    errors: list[RowError] = []
    accepted: list[tuple[PaymentResult, ChannelLine]] = []
    seen: dict[str, int] = {}
    for row, cells in rows:
        result, row_errors = parse_row(row, cells, header.commune_code, header.month, channel_code)
        if result is None:
            errors += row_errors
            continue
        line = lines.get(result.line.line_id)
        expected = ExpectedLine(line.line_id, line.national_id, line.amount) if line else None
        given_id = str(cells.get("beneficiary_id") or "").strip()
        row_errors = check_row(row, result, given_id, expected, cash, header.month)
        if result.line.line_id in seen:
            row_errors.append(RowError(row, "Mã dòng", f"Dòng '{result.line.line_id}' đã có ở "
                                       f"hàng {seen[result.line.line_id]} của tệp."))  # fmt: skip
        elif (before := known.get(result.line.line_id)) is not None and before != result.outcome:
            message = f"Dòng '{result.line.line_id}' đã có kết quả '{_LABEL[before]}'."
            row_errors.append(RowError(row, "Kết quả", message + " Không ghi đè kết quả."))
        seen.setdefault(result.line.line_id, row)
        if row_errors:
            errors += row_errors
        elif line is not None and result.line.line_id not in known:
            accepted.append((result, line))
    if not rows:
        errors.append(RowError(0, None, "Tệp không có dòng kết quả nào."))
    if errors:
        raise InvalidResultsFile([_field_error(e) for e in sorted(errors)])
    import_id = str(uuid.uuid4())
    store.save_results(header, accepted, import_id, principal.subject)
    carried = 0
    for result, line in accepted:
        if result.outcome is not Outcome.PAID:
            reason = f"{result.reason_code}: {_OUTCOME_TEXT[result.outcome]}"
            store.carry_over(header, line, reason)
            carried += 1
        store.publish(PaymentResultRecorded(
            province_code=header.province_code, commune_code=header.commune_code,
            month=header.month, line_id=line.line_id, national_id=line.national_id,
            channel_code=channel_code, outcome=str(result.outcome), amount=result.amount,
            reason_code=result.reason_code, collected_on=result.collected_on,
            point_code=result.point_code,
        ))  # fmt: skip
    proposals = 0
    unpaid = {line.record_id for r, line in accepted if r.outcome is not Outcome.PAID}
    for record_id, history in store.collections(sorted(unpaid)).items():
        proposal = propose_suspension(record_id, history, header.month)
        if proposal is not None and store.add_proposal(header, proposal):
            store.publish(proposal.event(header.province_code))
            proposals += 1
    store.commit()
    count = {o: sum(1 for r, _ in accepted if r.outcome is o) for o in Outcome}
    return ResultsImported(import_id, count[Outcome.PAID], count[Outcome.FAILED],
                           count[Outcome.RETURNED], carried, proposals)  # fmt: skip


def reconciliation(
    store: SettlementStore, list_id: str, principal: Principal, units: UnitTree
) -> tuple[Reconciliation, ...]:
    """Expected, paid, failed (failed or returned) and outstanding per channel of one list."""
    header = open_list(store, list_id)
    require_read(principal, header.commune_code, units)
    return reconcile_amounts(
        header.commune_code, header.month, store.reconcile_lines(list_id), store.outcomes(list_id)
    )


_LABEL = {Outcome.PAID: "Đã chi trả", Outcome.FAILED: "Không thành công",
          Outcome.RETURNED: "Bị trả lại"}  # fmt: skip
_OUTCOME_TEXT = {Outcome.FAILED: "chi trả không thành công", Outcome.RETURNED: "tiền bị trả lại"}


def _field_error(e: RowError) -> FieldError:
    where = f"dòng {e.row}" + (f", cột '{e.column}'" if e.column else "")
    return FieldError(f"rows[{e.row}]" + (f".{e.column}" if e.column else ""),
                      f"{where}: {e.message}", "invalid")  # fmt: skip
