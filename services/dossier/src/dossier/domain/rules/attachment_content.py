"""What an attachment may be: PDF, JPEG or PNG, not empty, not over the size limit, and really
what its declared type says (the first bytes are checked, not the file name or the header)."""

from __future__ import annotations

from collections.abc import Mapping

from ansinh_common.errors import FieldError, InvalidInput

LEGAL_BASIS = None  # technical rule: file safety, no legal text sets these limits
MAGIC: Mapping[str, tuple[bytes, ...]] = {
    "application/pdf": (b"%PDF-",),
    "image/jpeg": (b"\xff\xd8\xff",),
    "image/png": (b"\x89PNG\r\n\x1a\n",),
}
TYPE_LABELS = {"application/pdf": "PDF", "image/jpeg": "JPEG", "image/png": "PNG"}


def sniff(content: bytes) -> str | None:
    """The type the content really is (one of ``MAGIC``), or None."""
    for kind, prefixes in MAGIC.items():
        if any(content.startswith(p) for p in prefixes):
            return kind
    return None


def require_acceptable(content: bytes, declared_type: str, filename: str, max_bytes: int) -> str:
    """The checked content type; ``InvalidInput`` naming the field otherwise."""
    declared = (declared_type or "").split(";")[0].strip().lower()
    if declared not in MAGIC:
        allowed = ", ".join(TYPE_LABELS.values())
        raise InvalidInput(
            f"Tệp {filename!r}: chỉ nhận tệp {allowed}.",
            errors=[FieldError("content_type", f"Chỉ nhận {allowed}.", "unsupported_type")],
        )
    if not content:
        raise InvalidInput(errors=[FieldError("content", "Tệp rỗng.", "empty")])
    if len(content) > max_bytes:
        limit = f"{max_bytes / 1024 / 1024:.0f} MB"
        raise InvalidInput(
            f"Tệp {filename!r} lớn hơn {limit}.",
            errors=[FieldError("content", f"Tối đa {limit}.", "too_large")],
        )
    actual = sniff(content)
    if actual != declared:
        what = TYPE_LABELS.get(actual or "", "không rõ loại")
        raise InvalidInput(
            f"Tệp {filename!r} khai là {TYPE_LABELS[declared]} nhưng nội dung là {what}.",
            errors=[FieldError("content", "Nội dung không đúng loại tệp.", "type_mismatch")],
        )
    return declared
