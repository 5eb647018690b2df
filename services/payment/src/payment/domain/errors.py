"""Payment errors: subclasses of the shared hierarchy, with Vietnamese details."""

from __future__ import annotations

from ansinh_common.errors import (
    AlreadyExists,
    FailedPrecondition,
    FieldError,
    InvalidInput,
    NotFound,
    PermissionDenied,
)


class InvalidPolicySetting(InvalidInput):
    """A province setting with a missing or wrong field (field errors carry the paths)."""

    def __init__(self, errors: list[FieldError]) -> None:
        super().__init__(
            "Thiết lập chính sách của tỉnh không hợp lệ.", title="Dữ liệu không hợp lệ",
            errors=errors,
        )  # fmt: skip


class SettingAlreadyUsed(FailedPrecondition):
    """A setting used by an approved list may only be superseded from a later month."""

    def __init__(self, key: str, used_through: str, requested_from: str) -> None:
        super().__init__(
            f"Thiết lập '{key}' đã được dùng cho danh sách chi trả đã duyệt đến tháng "
            f"{used_through}; không thể thay đổi từ tháng {requested_from}, chỉ có thể thay thế "
            "từ một tháng sau đó.",
            title="Thiết lập đã được sử dụng",
        )


class SettingInApprovedMonth(FailedPrecondition):
    """A new setting may not reach back into a month whose lists are already approved."""

    def __init__(self, approved_through: str, requested_from: str) -> None:
        super().__init__(
            f"Tỉnh đã có danh sách chi trả được duyệt đến tháng {approved_through}; thiết lập "
            f"không thể có hiệu lực từ tháng {requested_from}. Hãy ghi hiệu lực từ tháng sau "
            "đó và điều chỉnh các tháng trước bằng dòng điều chỉnh.",
            title="Tháng đã có danh sách được duyệt",
        )


class NoStandardLevel(FailedPrecondition):
    """No standard level is known for the month (before Jul 2021, Decree 136/2013)."""

    def __init__(self, month: str) -> None:
        super().__init__(
            f"Không có mức chuẩn trợ giúp xã hội cho tháng {month} (hệ thống áp dụng từ "
            "tháng 07/2021 theo Nghị định 20/2021/NĐ-CP).",
            title="Không có mức chuẩn",
        )


class MonthLocked(FailedPrecondition):
    """The month's list is closed: no regeneration, no edit; corrections go to a later month."""

    def __init__(self, commune_code: str, month: str) -> None:
        super().__init__(
            f"Tháng {month} của xã {commune_code} đã khóa sổ; không thể lập lại hoặc sửa danh "
            "sách. Hãy điều chỉnh bằng dòng điều chỉnh ở tháng sau.",
            title="Tháng đã khóa sổ",
        )


class WrongListState(FailedPrecondition):
    """A transition not allowed from the list's current state."""

    def __init__(self, action: str, state: str) -> None:
        super().__init__(
            f"Không thể {action} khi danh sách đang ở trạng thái '{state}'.",
            title="Sai trình tự xử lý danh sách",
        )


class SameMakerAndChecker(PermissionDenied):
    """Maker–checker: the approver must be a different person from the preparer."""

    def __init__(self) -> None:
        super().__init__(
            "Người phê duyệt phải khác người lập danh sách chi trả.",
            title="Không được tự phê duyệt",
        )


class InvalidAdjustment(InvalidInput):
    """An adjustment line that does not point at a correctable line or has no reason."""


class FuneralSupportRefused(FailedPrecondition):
    """Funeral support already paid, or the deceased is not eligible."""


class InvalidResultsFile(InvalidInput):
    """A results file with errors: each names the row and the column; nothing is applied."""

    def __init__(self, errors: list[FieldError]) -> None:
        super().__init__(
            f"Tệp kết quả chi trả có {len(errors)} lỗi; không dòng nào được ghi nhận. Sửa các "
            "dòng được nêu rồi nhập lại cả tệp.",
            title="Tệp kết quả chi trả không hợp lệ", errors=errors,
        )  # fmt: skip


class InvalidChannel(InvalidInput):
    """A channel assignment with a missing or wrong field."""

    def __init__(self, errors: list[FieldError]) -> None:
        super().__init__(
            "Thông tin hình thức chi trả không hợp lệ.", title="Dữ liệu không hợp lệ",
            errors=errors,
        )  # fmt: skip


class ChannelAlreadyRecorded(AlreadyExists):
    """The history is never edited: one assignment per person and month."""

    def __init__(self, month: str) -> None:
        super().__init__(
            f"Đã có hình thức chi trả khác có hiệu lực từ tháng {month} cho đối tượng này; lịch "
            "sử không được sửa, hãy ghi thay đổi có hiệu lực từ một tháng sau.",
            title="Đã có hình thức chi trả cho tháng này",
        )


class PaymentListNotFound(NotFound):
    def __init__(self, list_id: str) -> None:
        super().__init__(f"Không có danh sách chi trả '{list_id}'.", title="Không tìm thấy")
