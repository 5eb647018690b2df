"""Names typed in the pre-Unicode Vietnamese encodings TCVN3 (ABC) and VNI Windows.

Lists kept since the 2000s were typed with ABC fonts (.VnTime: TCVN 5712:1993, VN3) or VNI
fonts; opened in today's Excel their bytes show as Windows-1252 characters: "NguyÔn V¨n An"
(TCVN3) or "Nguyeãn Vaên An" (VNI) for "Nguyễn Văn An". No well-kept Python package converts
them (none is on PyPI with releases and users), so the two tables are written here from the
standards' code charts: TCVN3 is one byte per letter; VNI is a base letter followed by a
mark byte (circumflex/breve/horn + tone).

Detection is by plausibility, word by word: text that is not a well-formed Vietnamese name
(a letter outside the alphabet, a capital after a small letter, two tone marks on a syllable)
is decoded with each table; a decoding that gives well-formed words is taken. Both, or none:
the result is not certain and the row is flagged for checking.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

# TCVN3 (ABC): Unicode letter ← the Windows-1252 character its byte shows as.
_TCVN3_ROWS = {
    "ăâêôơưđ": "¨©ª«¬\xad®",
    "ĂÂÊÔƠƯĐ": "¡¢£¤¥¦§",
    "àảãáạ": "µ¶·¸¹",
    "ằẳẵắặ": "»¼½¾Æ",
    "ầẩẫấậ": "ÇÈÉÊË",
    "èẻẽéẹ": "ÌÎÏÐÑ",
    "ềểễếệ": "ÒÓÔÕÖ",
    "ìỉĩíị": "×ØÜÝÞ",
    "òỏõóọ": "ßáâãä",
    "ồổỗốộ": "åæçèé",
    "ờởỡớợ": "êëìíî",
    "ùủũúụ": "ïñòóô",
    "ừửữứự": "õö÷øù",
    "ỳỷỹýỵ": "úûüýþ",
}
TCVN3: dict[str, str] = {
    legacy: uni
    for unis, legacies in _TCVN3_ROWS.items()
    for uni, legacy in zip(unis, legacies, strict=True)
}

# VNI Windows: a base letter, then one mark character (lower case; upper case is the same
# with the mark's capital form).
_VNI_TONES = {"ù": "\u0301", "ø": "\u0300", "û": "\u0309", "õ": "\u0303", "ï": "\u0323"}
_VNI_HAT_TONES = {
    "â": "",
    "á": "\u0301",
    "à": "\u0300",
    "å": "\u0309",
    "ã": "\u0303",
    "ä": "\u0323",
}
_VNI_BREVE_TONES = {
    "ê": "",
    "é": "\u0301",
    "è": "\u0300",
    "ú": "\u0309",
    "ü": "\u0303",
    "ë": "\u0323",
}
_VNI_SINGLE = {
    "ô": "ơ",
    "ö": "ư",
    "ñ": "đ",
    "í": "í",
    "ì": "ì",
    "æ": "ỉ",
    "ó": "ĩ",
    "ò": "ị",
    "î": "ỵ",
}


def _vni_table() -> dict[str, str]:
    table: dict[str, str] = {}

    def add(seq: str, uni: str) -> None:
        table[seq] = unicodedata.normalize("NFC", uni)
        table[seq.upper()] = unicodedata.normalize("NFC", uni).upper()

    for base in "aeouy":
        for mark, tone in _VNI_TONES.items():
            add(base + mark, base + tone)
    for base in "aeo":
        for mark, tone in _VNI_HAT_TONES.items():
            add(base + mark, base + "\u0302" + tone)
    for mark, tone in _VNI_BREVE_TONES.items():
        add("a" + mark, "a\u0306" + tone)
    for horn, uni in (("ô", "ơ"), ("ö", "ư")):
        for mark, tone in _VNI_TONES.items():
            add(horn + mark, uni + tone)
    for mark, uni in _VNI_SINGLE.items():
        add(mark, uni)
    return table


VNI: dict[str, str] = _vni_table()


class Encoding(StrEnum):
    UNICODE = "unicode"
    TCVN3 = "tcvn3"
    VNI = "vni"


ENCODING_LABELS = {Encoding.TCVN3: "TCVN3 (ABC)", Encoding.VNI: "VNI"}

_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
_SHAPES = {"\u0302": "aeo", "\u0306": "a", "\u031b": "ou"}
_NAME_PUNCT = set("-'’ .")
# A Vietnamese syllable without its tone: onset, vowel nucleus, coda.
_SYLLABLE = re.compile(
    r"(ngh|ng|gh|gi|kh|nh|ph|th|tr|ch|qu|[bcdđghklmnpqrstvx])?"
    r"(oai|oay|oeo|uây|uôi|ươi|ươu|uya|uyê|uyu|yêu|iêu|ai|ao|au|ay|âu|ây|eo|êu|ia|iê|iu|oa|oă"
    r"|oe|oi|ôi|ơi|ua|uâ|uê|ui|uô|uơ|ưa|ưi|ươ|ưu|uy|yê|a|ă|â|e|ê|i|o|ô|ơ|u|ư|y)"
    r"(ch|ng|nh|[cmnpt])?"
)


@lru_cache(maxsize=65536)  # names repeat their words ("Nguyễn", "Văn", "Thị"…)
def _word_ok(word: str) -> bool:
    """A well-formed Vietnamese word: alphabet letters, one tone, sane capitals."""
    letters = [c for c in word if c not in _NAME_PUNCT and not c.isdigit()]
    if not letters:
        return True
    tones = 0
    for ch in unicodedata.normalize("NFD", "".join(letters)):
        if unicodedata.combining(ch):
            if ch in _TONES:
                tones += 1
            elif ch not in _SHAPES:
                return False
        elif not ("a" <= ch.lower() <= "z" or ch in "đĐ"):
            return False
    if tones > 1:
        return False
    for part in re.split(r"[-'’.]", word):  # "H'Hen", "Bru-Vân": each part has its capital
        if any(c.isupper() for c in part[1:]) and any(c.islower() for c in part):
            return False
    bare = "".join(
        c for c in unicodedata.normalize("NFD", "".join(letters).lower()) if c not in _TONES
    )
    bare = unicodedata.normalize("NFC", bare)
    # words with no diacritic may be minority names ("Ksor", "Byă"): only marked words are held
    # to the syllable shape, where legacy fonts leave their traces ("Nguyeãn", "Vaên")
    return "".join(letters).isascii() or all(
        _SYLLABLE.fullmatch(s) for s in re.split(r"[-'’.]", bare) if s
    )


def well_formed(text: str) -> bool:
    return all(_word_ok(w) for w in text.split())


def _decode_tcvn3(text: str) -> str:
    decoded = "".join(TCVN3.get(c, c) for c in text)
    ascii_letters = [c for c in text if c.isascii() and c.isalpha()]
    if len(ascii_letters) > 1 and all(c.isupper() for c in ascii_letters):
        return decoded.upper()  # typed with an upper-case ABC font (.VnTimeH)
    return decoded


def _decode_vni(text: str) -> str:
    out: list[str] = []
    i = 0
    while i < len(text):
        pair = text[i : i + 2]
        if len(pair) == 2 and pair in VNI:
            out.append(VNI[pair])
            i += 2
            continue
        out.append(VNI.get(text[i], text[i]))
        i += 1
    return "".join(out)


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: Encoding
    certain: bool


def decode_legacy(text: str) -> Decoded:
    """``text`` as Unicode: itself when well formed, else its TCVN3 or VNI decoding."""
    if well_formed(text) or all(ord(c) < 0x80 for c in text):
        return Decoded(text, Encoding.UNICODE, True)
    if any(ord(c) > 0xFF for c in text):  # Unicode letters beyond Latin-1: not a legacy font
        return Decoded(text, Encoding.UNICODE, False)
    candidates = [
        Decoded(t, enc, True)
        for enc, t in ((Encoding.TCVN3, _decode_tcvn3(text)), (Encoding.VNI, _decode_vni(text)))
        if t != text and well_formed(t)
    ]
    if len(candidates) == 1:
        return candidates[0]
    if candidates:
        return Decoded(candidates[0].text, candidates[0].encoding, False)
    return Decoded(text, Encoding.UNICODE, False)
