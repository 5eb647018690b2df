"""Attachments: only PDF, JPEG and PNG whose bytes are what their declared type says."""

from __future__ import annotations

import pytest

from ansinh_common.errors import InvalidInput
from dossier.domain.rules.attachment_content import require_acceptable, sniff

PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 32


@pytest.mark.parametrize(
    ("content", "kind"), [(PDF, "application/pdf"), (PNG, "image/png"), (JPEG, "image/jpeg")]
)
def test_each_accepted_type_is_recognised_by_its_bytes(content: bytes, kind: str) -> None:
    assert sniff(content) == kind
    assert require_acceptable(content, kind.upper() + "; charset=binary", "a", 1000) == kind


def test_a_file_that_is_not_what_its_type_claims_is_refused() -> None:
    with pytest.raises(InvalidInput, match="khai là PDF nhưng nội dung là PNG") as caught:
        require_acceptable(PNG, "application/pdf", "don.pdf", 1000)
    assert caught.value.errors[0].code == "type_mismatch"
    with pytest.raises(InvalidInput, match="không rõ loại"):
        require_acceptable(b"MZ\x90\x00 an executable", "image/png", "anh.png", 1000)


def test_other_types_empty_and_oversized_files_are_refused() -> None:
    with pytest.raises(InvalidInput) as other:
        require_acceptable(PDF, "application/zip", "a.zip", 1000)
    assert other.value.errors[0].field == "content_type"
    with pytest.raises(InvalidInput) as empty:
        require_acceptable(b"", "application/pdf", "a.pdf", 1000)
    assert empty.value.errors[0].code == "empty"
    with pytest.raises(InvalidInput) as large:
        require_acceptable(PDF + b"x" * 2000, "application/pdf", "a.pdf", 1000)
    assert large.value.errors[0].code == "too_large"
