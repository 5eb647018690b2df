"""Errors of the dossier domain, each a shared ``DomainError`` mapped once at the edges.

Messages are Vietnamese: they are shown to citizens and officers as they are.
"""

from __future__ import annotations

from ansinh_common.errors import FailedPrecondition, FieldError, InvalidInput, PermissionDenied


class ProcedureDefinitionError(InvalidInput):
    """A procedure definition (data file) breaks its schema; ``errors`` name every path."""

    default_title = "Định nghĩa thủ tục không hợp lệ"
    default_detail = "Tệp định nghĩa thủ tục hành chính không đúng cấu trúc."


class FormInvalid(InvalidInput):
    """The declaration form of a dossier has invalid or missing fields."""

    default_title = "Tờ khai không hợp lệ"
    default_detail = "Tờ khai có trường thông tin thiếu hoặc không hợp lệ."


class UnknownProcedure(InvalidInput):
    """No procedure, purpose or form with that identifier."""

    default_title = "Không có thủ tục này"


class ActionOutOfOrder(FailedPrecondition):
    """The dossier's current state does not allow the action (refused on the server)."""

    default_title = "Thao tác không đúng trình tự"


class NotResponsible(PermissionDenied):
    """Wrong role, level or unit for the current step of the dossier."""

    default_title = "Không có thẩm quyền xử lý bước này"


class SegregationOfDuties(PermissionDenied):
    """The same person may not do two steps that must be done by different people."""

    default_title = "Vi phạm nguyên tắc phân tách nhiệm vụ"


class InvalidDossierCode(InvalidInput):
    """A dossier code that is not ``<agency code>-YYMMDD-XXXX``."""

    default_title = "Mã hồ sơ không hợp lệ"


def field_error(path: str, message: str, code: str = "invalid") -> FieldError:
    return FieldError(path, message, code)


class ProvincialMessageRefused(InvalidInput):
    """A message from a provincial one-stop system that cannot be applied (malformed, or from
    a province whose sync mode refuses it); it goes to the dead-letter topic with the reason."""

    default_title = "Hồ sơ từ hệ thống một cửa cấp tỉnh không hợp lệ"
    default_detail = "Thông điệp từ hệ thống một cửa cấp tỉnh thiếu hoặc sai thông tin."
