"""Registry errors: subclasses of the shared hierarchy, with Vietnamese details."""

from __future__ import annotations

from collections.abc import Sequence

from ansinh_common.errors import (
    AlreadyExists,
    FailedPrecondition,
    FieldError,
    InvalidInput,
    NotFound,
)


class MissingDecision(InvalidInput):
    """A benefit change without number, date and signing unit of a decision."""

    def __init__(self, change_label: str, errors: Sequence[FieldError] = ()) -> None:
        super().__init__(
            f"Biến động '{change_label}' phải có quyết định: số, ngày ký và đơn vị ký.",
            title="Thiếu quyết định",
            errors=errors or (FieldError("decision", "Thiếu quyết định.", "required"),),
        )


class InvalidRecord(InvalidInput):
    """Record data that breaks a validation rule (field errors carry the paths)."""


class RecordNotFound(NotFound):
    def __init__(self, record_id: str) -> None:
        super().__init__(f"Không tìm thấy hồ sơ đối tượng {record_id}.")


class DuplicateActiveRecord(AlreadyExists):
    """The person already has an active record of this category somewhere in the country."""

    def __init__(self, category_code: str, province_code: str, record_id: str) -> None:
        super().__init__(
            f"Người này đang hưởng diện {category_code} tại tỉnh {province_code} "
            f"(hồ sơ {record_id}); mỗi người chỉ có một hồ sơ đang hưởng cho mỗi diện.",
            title="Đối tượng đã có hồ sơ đang hưởng",
        )


class ActiveInAnotherProvince(FailedPrecondition):
    """New records go to the province where the person's active records are; else: move."""

    def __init__(self, province_code: str) -> None:
        super().__init__(
            f"Người này đang hưởng trợ giúp xã hội tại tỉnh {province_code}; "
            "hãy thực hiện chuyển đi/chuyển đến thay vì tăng mới.",
        )


class ChangeNotAllowed(FailedPrecondition):
    """The record's status (or its history) does not allow this change."""


class VersionConflict(FailedPrecondition):
    def __init__(self, record_id: str) -> None:
        super().__init__(f"Hồ sơ {record_id} vừa được người khác cập nhật, vui lòng tải lại.")
