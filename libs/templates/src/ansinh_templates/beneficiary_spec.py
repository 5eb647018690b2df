"""The commune Excel list of social-assistance beneficiaries: what the file holds.

The column specification, the layout constants and the labels, without any Excel library, so
that a service's domain can read a row by column key (``registry.domain.excel_import``) without
loading openpyxl. Writing and reading files: :mod:`ansinh_templates.beneficiary_excel`, which
re-exports every name of this module.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

TEMPLATE_ID = "BTXH-DS-01"
TEMPLATE_VERSION = "1"
SHEET_TITLE = "DanhSach"
TITLE = "DANH SÁCH ĐỐI TƯỢNG BẢO TRỢ XÃ HỘI HƯỞNG TRỢ CẤP XÃ HỘI HẰNG THÁNG"
MOTTO = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")
HEADER_ROW = 8
NUMBER_ROW = 9
FIRST_DATA_ROW = 10
FOOTER_LEFT = "NGƯỜI LẬP BIỂU"
FOOTER_RIGHT = ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH")
DATE_FORMAT = "DD/MM/YYYY"
TEXT_FORMAT = "@"
# Printing (A4 landscape): a fixed scale keeps the print readable (11 pt → 8.8 pt); the 25
# columns then spread over as many pages across as they need (fitting them to one page width
# printed them at about 4 pt), STT and the header rows repeated on every page.
PRINT_SCALE = 80
PRINT_TITLE_COLUMNS = "A:A"
TITLE_LAST_COLUMN = "J"  # the title block is merged over A:J (the first printed page)
MOTTO_COLUMN = 3  # 0-based: the motto starts in column D


class DataType(StrEnum):
    INTEGER = "integer"
    DECIMAL = "decimal"
    TEXT = "text"  # stored as text even when it looks like a number (IDs, account numbers)
    DATE = "date"  # an Excel date shown DD/MM/YYYY
    MONTH = "month"  # text "MM/YYYY"; Python value (year, month)


class Catalog(StrEnum):
    """Where the allowed values of a column come from (the dropdown source)."""

    GENDER = "gender"  # GENDER_LABELS
    ETHNICITY = "ethnicity"  # ansinh_common.catalogs.ethnicities, by name
    COMMUNE = "commune"  # ansinh_common.catalogs.admin_units, 2025 commune code
    ASSISTANCE_CATEGORY = "assistance_category"  # Decree 20 Art. 5 codes "5.1" … "5.8"
    DISABILITY_TYPE = "disability_type"  # catalogs.disability, by name
    DISABILITY_LEVEL = "disability_level"  # catalogs.disability, by name
    PAYMENT_METHOD = "payment_method"  # PAYMENT_METHOD_LABELS (by ChannelKind)
    PAYMENT_CHANNEL = "payment_channel"  # catalogs.payment_channels, by name
    CHANGE_TYPE = "change_type"  # CHANGE_TYPE_LABELS


@dataclass(frozen=True, slots=True)
class Column:
    key: str
    header: str
    data_type: DataType
    required: bool = False
    catalog: Catalog | None = None
    width: float = 14
    note: str = ""  # conditions, formats


COLUMNS: tuple[Column, ...] = (
    Column("stt", "STT", DataType.INTEGER, True, width=6),
    Column("beneficiary_code", "Mã đối tượng", DataType.TEXT, width=38,
           note="system code; empty for a new beneficiary"),
    Column("full_name", "Họ và tên", DataType.TEXT, True, width=26),
    Column("birth_date", "Ngày sinh", DataType.DATE, True, width=12),
    Column("gender", "Giới tính", DataType.TEXT, True, Catalog.GENDER, width=9),
    Column("personal_id", "Số định danh cá nhân", DataType.TEXT, width=15,
           note="12 digits (CCCD); a 9-digit CMND is accepted as legacy"),
    Column("ethnicity", "Dân tộc", DataType.TEXT, False, Catalog.ETHNICITY, width=11),
    Column("address", "Địa chỉ thường trú (thôn, tổ dân phố)", DataType.TEXT, width=18),
    Column("commune_name", "Địa chỉ thường trú (xã)", DataType.TEXT, True, width=20),
    Column("commune_code", "Mã xã", DataType.TEXT, True, Catalog.COMMUNE, width=8),
    Column("category", "Đối tượng (mã nhóm Điều 5 NĐ 20/2021)", DataType.TEXT, True,
           Catalog.ASSISTANCE_CATEGORY, width=14),
    Column("coefficient", "Hệ số", DataType.DECIMAL, True, width=7),
    Column("monthly_amount", "Mức trợ cấp hằng tháng (đồng)", DataType.INTEGER, width=13),
    Column("disability_type", "Dạng tật", DataType.TEXT, False, Catalog.DISABILITY_TYPE,
           width=18, note="required for group 5.6"),
    Column("disability_level", "Mức độ khuyết tật", DataType.TEXT, False,
           Catalog.DISABILITY_LEVEL, width=16, note="required for group 5.6"),
    Column("decision_number", "Số quyết định", DataType.TEXT, True, width=14),
    Column("decision_date", "Ngày quyết định", DataType.DATE, True, width=12),
    Column("decision_authority", "Cơ quan ký", DataType.TEXT, width=20),
    Column("start_month", "Tháng bắt đầu hưởng", DataType.MONTH, True, width=10),
    Column("payment_method", "Hình thức chi trả", DataType.TEXT, True, Catalog.PAYMENT_METHOD,
           width=16),
    Column("account_number", "Số tài khoản", DataType.TEXT, width=16,
           note="required when paid to an account"),
    Column("account_provider", "Ngân hàng/Ví", DataType.TEXT, False, Catalog.PAYMENT_CHANNEL,
           width=30, note="required when paid to an account"),
    Column("change_type", "Loại biến động", DataType.TEXT, False, Catalog.CHANGE_TYPE,
           width=14),
    Column("effective_date", "Ngày hiệu lực", DataType.DATE, False, width=12,
           note="required with a change type"),
    Column("note", "Ghi chú", DataType.TEXT, width=20),
    Column("paid_through", "Đã chi trả đến tháng", DataType.MONTH, width=10,
           note="legacy rows only: the last month the legacy system paid (no arrears before)"),
)  # fmt: skip

COLUMN_KEYS: tuple[str, ...] = tuple(c.key for c in COLUMNS)
COLUMN_BY_KEY: dict[str, Column] = {c.key: c for c in COLUMNS}

GENDER_LABELS: dict[str, str] = {"male": "Nam", "female": "Nữ"}

# Keys follow ansinh_common.catalogs.payment_channels.ChannelKind.
PAYMENT_METHOD_LABELS: dict[str, str] = {
    "cash_at_commune": "Tiền mặt tại xã",
    "postal": "Qua bưu điện",
    "bank": "Tài khoản ngân hàng",
    "e_wallet": "Ví điện tử",
    "mobile_money": "Mobile Money",
}

# The changes (biến động) a registry records (Circular 11/2019 Art. 4.3; DOMAIN "Data rules").
CHANGE_TYPE_LABELS: dict[str, str] = {
    "new": "Tăng mới",
    "death": "Cắt chết",
    "stop": "Thôi hưởng",
    "info_change": "Thay đổi thông tin",
    "coefficient_change": "Thay đổi hệ số hưởng",
    "move_out": "Chuyển đi",
    "move_in": "Chuyển đến",
}


def catalog_values(catalog: Catalog) -> tuple[str, ...]:
    """The values a cell of a ``catalog`` column may hold (for dropdowns and validation)."""
    from ansinh_common.catalogs import assistance_categories, disability, ethnicities
    from ansinh_common.catalogs import payment_channels as pc
    from ansinh_common.catalogs.admin_units import CatalogVersion, Level, units

    match catalog:
        case Catalog.GENDER:
            return tuple(GENDER_LABELS.values())
        case Catalog.ETHNICITY:
            return tuple(e.name for e in ethnicities.ethnicities())
        case Catalog.COMMUNE:
            return tuple(u.code for u in units(CatalogVersion.V2025, Level.COMMUNE))
        case Catalog.ASSISTANCE_CATEGORY:
            return tuple(
                c.code
                for c in assistance_categories.categories(
                    assistance_categories.Benefit.MONTHLY_ALLOWANCE
                )
            )
        case Catalog.DISABILITY_TYPE:
            return tuple(t.name for t in disability.DISABILITY_TYPES)
        case Catalog.DISABILITY_LEVEL:
            return tuple(lv.name for lv in disability.DISABILITY_LEVELS)
        case Catalog.PAYMENT_METHOD:
            return tuple(PAYMENT_METHOD_LABELS.values())
        case Catalog.PAYMENT_CHANNEL:
            return tuple(c.name for c in pc.payment_channels() if c.needs_account)
        case Catalog.CHANGE_TYPE:
            return tuple(CHANGE_TYPE_LABELS.values())
    raise KeyError(catalog)  # pragma: no cover


@dataclass(frozen=True, slots=True)
class TitleBlock:
    """What the title rows say: the commune the list is for and the data period."""

    province_name: str
    commune_name: str
    commune_code: str
    period: tuple[int, int]  # (year, month)

    @property
    def tag(self) -> str:
        y, m = self.period
        return (
            f"Mã xã: {self.commune_code} | Mẫu: {TEMPLATE_ID} v{TEMPLATE_VERSION} | Kỳ: {m:02d}/{y}"
        )
