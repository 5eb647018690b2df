"""Machine codes of authorization outcomes and their Vietnamese explanations.

The messages are shown to citizens and officers as they are (problem+json ``detail``).
Placeholders: ``{action}``, ``{domain}``, ``{fields}``, ``{unit}``, ``{level}``,
``{version}``.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum


class ReasonCode(StrEnum):
    # granted
    IN_SCOPE = "in_scope"
    OWN_RECORD = "own_record"
    PERSONAL_FIELDS_ONLY = "personal_fields_only"
    COMPETENT_AGENCY = "competent_agency"
    DIRECT_SUBORDINATE = "direct_subordinate"
    # refused
    NO_ROLE = "no_role"
    MISSING_UNIT = "missing_unit"
    ROLE_UNIT_MISMATCH = "role_unit_mismatch"
    UNKNOWN_UNIT = "unknown_unit"
    CATALOG_VERSION_MISMATCH = "catalog_version_mismatch"
    OUT_OF_SCOPE = "out_of_scope"
    SUPERIOR_UNIT = "superior_unit"
    ACTION_NOT_PERMITTED = "action_not_permitted"
    MISSING_NATIONAL_ID = "missing_national_id"
    NOT_OWNER = "not_owner"
    CONFLICT_OF_INTEREST = "conflict_of_interest"
    ADMIN_NO_BENEFIT_ACCESS = "admin_no_benefit_access"
    DOMAIN_REQUIRED = "domain_required"
    WRONG_DOMAIN = "wrong_domain"
    POLICY_FIELDS_LOCKED = "policy_fields_locked"
    NOT_ACCOUNT_MANAGER = "not_account_manager"
    LEVEL_NOT_IN_MODEL = "level_not_in_model"
    NOT_DIRECT_SUBORDINATE = "not_direct_subordinate"


MESSAGES: Mapping[ReasonCode, str] = {
    ReasonCode.IN_SCOPE: "Được phép: dữ liệu thuộc đơn vị của tài khoản hoặc đơn vị cấp dưới.",
    ReasonCode.OWN_RECORD: "Được phép: hồ sơ của chính người dùng.",
    ReasonCode.PERSONAL_FIELDS_ONLY: "Được phép: chỉ thay đổi thông tin cá nhân.",
    ReasonCode.COMPETENT_AGENCY: (
        "Được phép: cán bộ của cơ quan có thẩm quyền cập nhật thông tin về chính sách."
    ),
    ReasonCode.DIRECT_SUBORDINATE: (
        "Được phép: đơn vị {unit} trực thuộc trực tiếp đơn vị của tài khoản."
    ),
    ReasonCode.NO_ROLE: "Tài khoản chưa được gán vai trò nào trên hệ thống.",
    ReasonCode.MISSING_UNIT: "Tài khoản chưa được gắn mã đơn vị hành chính.",
    ReasonCode.ROLE_UNIT_MISMATCH: (
        "Vai trò của tài khoản không khớp với cấp của đơn vị hành chính được gắn ({unit})."
    ),
    ReasonCode.UNKNOWN_UNIT: (
        "Mã đơn vị hành chính {unit} không có trong danh mục đơn vị hành chính đang áp dụng."
    ),
    ReasonCode.CATALOG_VERSION_MISMATCH: (
        "Dữ liệu được ghi theo danh mục đơn vị hành chính phiên bản {version}, khác phiên bản "
        "của tài khoản; cần quy đổi sang đơn vị hành chính hiện hành trước khi kiểm tra quyền."
    ),
    ReasonCode.OUT_OF_SCOPE: (
        "Dữ liệu thuộc đơn vị hành chính ngoài phạm vi quản lý của tài khoản."
    ),
    ReasonCode.SUPERIOR_UNIT: (
        "Dữ liệu thuộc đơn vị cấp trên; tài khoản chỉ được truy cập dữ liệu của đơn vị mình "
        "và các đơn vị cấp dưới."
    ),
    ReasonCode.ACTION_NOT_PERMITTED: (
        "Vai trò của tài khoản không có quyền {action} đối với dữ liệu này."
    ),
    ReasonCode.MISSING_NATIONAL_ID: "Tài khoản công dân chưa có số định danh cá nhân.",
    ReasonCode.NOT_OWNER: "Công dân chỉ được xem và cập nhật hồ sơ của chính mình.",
    ReasonCode.CONFLICT_OF_INTEREST: (
        "Cán bộ không được cập nhật hoặc ra quyết định đối với hồ sơ của chính mình."
    ),
    ReasonCode.ADMIN_NO_BENEFIT_ACCESS: (
        "Tài khoản quản trị hệ thống chỉ quản lý tài khoản người dùng, không được xem, cập nhật "
        "hay quyết định về hồ sơ trợ giúp xã hội và giảm nghèo."
    ),
    ReasonCode.DOMAIN_REQUIRED: (
        "Tài khoản cấp Bộ phải được phân công lĩnh vực (trợ giúp xã hội hoặc giảm nghèo) "
        "mới được truy cập dữ liệu thuộc lĩnh vực {domain}."
    ),
    ReasonCode.WRONG_DOMAIN: (
        "Dữ liệu thuộc lĩnh vực {domain}, ngoài lĩnh vực được phân công của tài khoản."
    ),
    ReasonCode.POLICY_FIELDS_LOCKED: (
        "Công dân hoặc người đại diện chỉ được thay đổi thông tin cá nhân, không được thay đổi "
        "thông tin về chế độ, chính sách ({fields}); việc này do cơ quan có thẩm quyền thực hiện "
        "(khoản 1 Điều 4 Thông tư 11/2019/TT-BLĐTBXH)."
    ),
    ReasonCode.NOT_ACCOUNT_MANAGER: (
        "Chỉ tài khoản quản trị hệ thống hoặc lãnh đạo của đơn vị cấp trên trực tiếp mới được "
        "tạo, khóa hoặc đặt lại tài khoản (Điều 6 Thông tư 11/2019/TT-BLĐTBXH)."
    ),
    ReasonCode.LEVEL_NOT_IN_MODEL: (
        "Cấp {level} không có trong mô hình tổ chức hành chính đang áp dụng."
    ),
    ReasonCode.NOT_DIRECT_SUBORDINATE: (
        "Đơn vị {unit} không trực thuộc trực tiếp đơn vị của tài khoản; chỉ được tạo, khóa "
        "hoặc đặt lại tài khoản cho đơn vị cấp dưới trực tiếp."
    ),
}


def message(code: ReasonCode, **values: str) -> str:
    """The Vietnamese message for ``code`` with its placeholders filled in (an empty value is
    shown as ``(trống)``, never as a blank between two spaces)."""
    shown = {key: value if value.strip() else EMPTY_VALUE for key, value in values.items()}
    return MESSAGES[code].format(**shown)


EMPTY_VALUE = "(trống)"
