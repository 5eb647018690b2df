"""What a citizen may change on their own record from the portal: contact details only.

Circular 11/2019 Art. 4.1 lets the beneficiary update *personal* information, never policy
information (``field_policy``). Among the personal fields, the identity data — full name, birth
date, gender, personal ID number, ethnicity — are the National Population Database's: they are
corrected there (or by the commune officer against it), not declared by the person. A citizen
changing their own personal ID number would also hand the record to another identity. So the
citizen's self-service covers the contact details (phone, address); the identity fields are
refused with one field error each (platform decision, docs/adr/0039).
"""

from __future__ import annotations

from collections.abc import Iterable

from ansinh_common.errors import FieldError, PermissionDenied

LEGAL_BASIS = (
    "Circular 11/2019/TT-BLĐTBXH Art. 4.1 (the beneficiary updates personal information); "
    "Law on Identification No. 26/2023/QH15 (identity data are those of the National "
    "Population Database); platform decision docs/adr/0039"
)

CITIZEN_EDITABLE: frozenset[str] = frozenset({"contact.phone", "contact.address"})
IDENTITY_FIELDS: frozenset[str] = frozenset(
    {"full_name", "birth_date", "gender", "personal_id", "ethnicity_code"}
)
IDENTITY_FIELD_ERROR = "identity_field"


def identity_fields_among(changed_fields: Iterable[str]) -> tuple[str, ...]:
    """The identity fields a citizen asks to change, sorted."""
    return tuple(sorted(set(changed_fields) & IDENTITY_FIELDS))


def require_citizen_editable(changed_fields: Iterable[str]) -> None:
    """Raise ``PermissionDenied`` naming each identity field among ``changed_fields``."""
    locked = identity_fields_among(changed_fields)
    if not locked:
        return
    message = "Thông tin định danh được cập nhật theo Cơ sở dữ liệu quốc gia về dân cư."
    raise PermissionDenied(
        "Công dân chỉ tự cập nhật được số điện thoại và địa chỉ liên hệ; họ tên, ngày sinh, "
        "giới tính, số định danh và dân tộc được điều chỉnh theo Cơ sở dữ liệu quốc gia về "
        "dân cư, do cán bộ cấp xã thực hiện.",
        errors=[FieldError(path, message, IDENTITY_FIELD_ERROR) for path in locked],
    )
