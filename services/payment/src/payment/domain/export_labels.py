"""Vietnamese texts of the payment files: column headers, line kinds, total and checksum rows."""

from __future__ import annotations

from ansinh_common.catalogs.payment_channels import get_payment_channel
from payment.domain.months import Month

EXPORT_HEADERS = (
    "STT", "Mã xã", "Mã dòng", "Mã đối tượng", "Loại khoản", "Số tài khoản/ví",
    "Chủ tài khoản", "Điểm chi trả", "Số tiền (đồng)",
)  # fmt: skip

KIND_LABELS = {
    "monthly": "Trợ cấp hằng tháng",
    "regular": "Trợ cấp hằng tháng",
    "arrears": "Truy lĩnh",
    "funeral": "Hỗ trợ mai táng",
    "carried_over": "Chi trả lại tháng trước",
    "carry_over": "Chi trả lại tháng trước",
    "adjustment": "Điều chỉnh",
}


def kind_label(kind: str) -> str:
    return KIND_LABELS.get(kind, kind)


def title(month: Month, channel_code: str) -> str:
    name = get_payment_channel(channel_code).name
    return f"DANH SÁCH CHI TRẢ TRỢ CẤP XÃ HỘI THÁNG {month.month:02d}/{month.year} — {name}"


def commune_total_label(commune_code: str) -> str:
    return f"Cộng xã {commune_code}"


GRAND_TOTAL_LABEL = "Tổng cộng"
CHECKSUM_LABEL = "Mã kiểm tra (SHA-256)"
