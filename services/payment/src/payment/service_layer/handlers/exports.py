"""Export the file of one channel of an approved list (state → exported).

On the first export the channel in force for the list's month is fixed for every line
(``payment_line_channels``), so the files, the results and the reconciliation all refer to
the same channel even if the person's mapping changes later.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ansinh_common.auth.principal import Principal
from ansinh_common.authz import UnitTree
from ansinh_common.catalogs.payment_channels import get_payment_channel
from ansinh_common.errors import FieldError
from payment.domain.errors import (
    InvalidChannel,
    MonthLocked,
    PaymentListNotFound,
    WrongListState,
)
from payment.domain.events import ListExported
from payment.domain.export_sheet import ExportSheet, build_export
from payment.service_layer.settlement_access import require_settle
from payment.service_layer.settlement_ports import ListHeader, SettlementStore

FORMATS = ("csv", "xlsx")
STATE_LABELS = {"draft": "dự thảo", "approved": "đã duyệt", "exported": "đã xuất file",
                "closed": "đã khóa sổ"}  # fmt: skip


@dataclass(frozen=True, slots=True)
class ExportFile:
    file_name: str
    content: bytes
    checksum: str
    line_count: int
    total_vnd: int


Render = Callable[[ExportSheet], bytes]


def open_list(store: SettlementStore, list_id: str) -> ListHeader:
    header = store.list_header(list_id)
    if header is None:
        raise PaymentListNotFound(list_id)
    return header


def require_open(header: ListHeader) -> None:
    if header.state == "closed":
        raise MonthLocked(header.commune_code, str(header.month))


def export_channel(
    store: SettlementStore,
    list_id: str,
    channel_code: str,
    file_format: str,
    principal: Principal,
    units: UnitTree,
    renderers: dict[str, Render],
) -> ExportFile:
    """Maker–checker was enforced at approval: only an approved (or exported) list exports."""
    header = open_list(store, list_id)
    require_settle(principal, header.commune_code, units)
    by = principal.subject
    require_open(header)
    if header.state not in ("approved", "exported"):
        raise WrongListState("xuất file chi trả", STATE_LABELS.get(header.state, header.state))
    try:
        get_payment_channel(channel_code)
    except KeyError:
        raise InvalidChannel([FieldError("channel_code", f"Hình thức chi trả '{channel_code}' "
                                         "không có trong danh mục.")]) from None  # fmt: skip
    if file_format not in FORMATS:
        raise InvalidChannel([FieldError("format", "Định dạng tệp phải là csv hoặc xlsx.")])
    store.assign_line_channels(header)
    sheet = build_export(header.month, channel_code, store.export_rows(list_id))
    content = renderers[file_format](sheet)
    total = sheet.grand_total
    # the same file again (a retry) is not a second export: no row, no event
    if store.record_export(list_id, channel_code, file_format, total.count, total.amount,
                           sheet.checksum, by):  # fmt: skip
        if header.state == "approved":
            store.mark_exported(list_id)
        store.publish(ListExported(province_code=header.province_code,
                                   commune_code=header.commune_code, month=header.month,
                                   exported_by=by))  # fmt: skip
    store.commit()
    name = f"chi-tra-{header.commune_code}-{header.month}-{channel_code}.{file_format}"
    return ExportFile(name, content, sheet.checksum, total.count, total.amount)
