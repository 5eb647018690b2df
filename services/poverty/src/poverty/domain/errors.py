"""Errors of the poverty domain, each a shared ``DomainError`` mapped once at the edges.

Messages are Vietnamese: they are shown to officers and citizens as they are.
"""

from __future__ import annotations

from ansinh_common.errors import FailedPrecondition, FieldError, InvalidInput, PermissionDenied


class StandardDataError(InvalidInput):
    """A standard or scoring-model data file breaks its schema; ``errors`` name every path."""

    default_title = "Dữ liệu chuẩn nghèo không hợp lệ"
    default_detail = "Tệp dữ liệu chuẩn nghèo hoặc mô hình chấm điểm không đúng cấu trúc."


class NoStandard(InvalidInput):
    """No standard or scoring model covers the review year or the survey date."""

    default_title = "Không có chuẩn nghèo áp dụng"


class SurveyInvalid(InvalidInput):
    """A survey lacks answers or facts the standard needs; ``errors`` name each one."""

    default_title = "Phiếu khảo sát không hợp lệ"
    default_detail = "Phiếu khảo sát thiếu hoặc sai thông tin cần để phân loại hộ."


class HouseholdInvalid(InvalidInput):
    """A household's members or head are inconsistent."""

    default_title = "Thông tin hộ gia đình không hợp lệ"


class ReviewOutOfOrder(FailedPrecondition):
    """The review's current step does not allow the action (refused on the server)."""

    default_title = "Thao tác rà soát không đúng trình tự"


class OutsideReviewPeriod(FailedPrecondition):
    """The date is outside the annual campaign or the regular review's window."""

    default_title = "Ngoài thời gian rà soát"


class NotResponsible(PermissionDenied):
    """Wrong role, level or unit for the step of the review."""

    default_title = "Không có thẩm quyền thực hiện bước rà soát này"


class InvalidCertificateNumber(InvalidInput):
    """A certificate number that is not ``Số <n>/GCN-HN.HCN``."""

    default_title = "Số giấy chứng nhận không hợp lệ"


def field_error(path: str, message: str, code: str = "invalid") -> FieldError:
    return FieldError(path, message, code)
