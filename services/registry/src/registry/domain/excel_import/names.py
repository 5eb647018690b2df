"""Names as stored: NFC, single spaces, legacy encodings converted; and as searched.

* Stored in Unicode NFC with spaces collapsed; the case is kept as typed (ALL CAPS stays).
* A name typed in TCVN3 (ABC) or VNI is converted, with a warning on the row; when the
  detection is not certain the row gets a warning to check the name.
* ``search_key`` is how a name is matched: no case, no diacritics (đ → d), any Unicode form,
  any spacing — "NGUYEN VAN AN", "nguyễn văn  an" and the NFD form find "Nguyễn Văn An".
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from registry.domain.excel_import.legacy_encoding import ENCODING_LABELS, Encoding, decode_legacy

SOURCE = (
    "TCVN 6909:2001 (Unicode, NFC) for stored names; "
    "Decision 72/2002/QĐ-TTg (Unicode in state bodies)"
)


@dataclass(frozen=True, slots=True)
class NormalizedName:
    name: str
    warning: str | None = None


def collapse(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def normalize_name(raw: str) -> NormalizedName:
    name = collapse(raw)
    decoded = decode_legacy(name)
    if decoded.encoding is Encoding.UNICODE and decoded.certain:
        return NormalizedName(name)
    if decoded.encoding is Encoding.UNICODE:
        return NormalizedName(name, "họ tên có ký tự lạ (có thể gõ bằng bảng mã cũ), cần kiểm tra")
    label = ENCODING_LABELS[decoded.encoding]
    converted = collapse(decoded.text)
    if decoded.certain:
        return NormalizedName(
            converted, f"đã chuyển họ tên từ bảng mã {label} sang Unicode: '{name}' → '{converted}'"
        )
    return NormalizedName(
        converted,
        f"họ tên có thể gõ bằng bảng mã {label}, đã chuyển '{name}' → '{converted}': cần kiểm tra",
    )


def search_key(text: str) -> str:
    """Case-, diacritic- and form-insensitive key of a name (for indexing and queries)."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.casefold().split())
