"""Disability types (dạng tật) and levels (mức độ khuyết tật).

Law on Persons with Disabilities No. 51/2010/QH12, Art. 3.1 (types, points a–e) and Art. 3.2
(levels); how the level is determined: Decree 28/2012/NĐ-CP and Circular 01/2019/TT-BLĐTBXH.
Codes are the position of the item in the article (types 1–6, levels 1–3), the order the
forms and the MIS POSASoft Excel template list them.
"""

from __future__ import annotations

from dataclasses import dataclass

LAW = "Law on Persons with Disabilities 51/2010/QH12"


@dataclass(frozen=True, slots=True)
class DisabilityType:
    code: str
    key: str
    name: str
    legal_basis: str


@dataclass(frozen=True, slots=True)
class DisabilityLevel:
    code: str
    key: str
    name: str
    description: str
    legal_basis: str


DISABILITY_TYPES: tuple[DisabilityType, ...] = (
    DisabilityType("1", "mobility", "Khuyết tật vận động", f"{LAW} Art. 3.1.a"),
    DisabilityType("2", "hearing_speech", "Khuyết tật nghe, nói", f"{LAW} Art. 3.1.b"),
    DisabilityType("3", "visual", "Khuyết tật nhìn", f"{LAW} Art. 3.1.c"),
    DisabilityType("4", "neuro_mental", "Khuyết tật thần kinh, tâm thần", f"{LAW} Art. 3.1.d"),
    DisabilityType("5", "intellectual", "Khuyết tật trí tuệ", f"{LAW} Art. 3.1.đ"),
    DisabilityType("6", "other", "Khuyết tật khác", f"{LAW} Art. 3.1.e"),
)

DISABILITY_LEVELS: tuple[DisabilityLevel, ...] = (
    DisabilityLevel(
        "1",
        "especially_severe",
        "Khuyết tật đặc biệt nặng",
        "cannot perform daily activities by themselves",
        f"{LAW} Art. 3.2.a",
    ),
    DisabilityLevel(
        "2",
        "severe",
        "Khuyết tật nặng",
        "can perform some daily activities by themselves",
        f"{LAW} Art. 3.2.b",
    ),
    DisabilityLevel(
        "3",
        "mild",
        "Khuyết tật nhẹ",
        "not in the two levels above",
        f"{LAW} Art. 3.2.c",
    ),
)

_TYPES = {t.code: t for t in DISABILITY_TYPES} | {t.key: t for t in DISABILITY_TYPES}
_LEVELS = {lv.code: lv for lv in DISABILITY_LEVELS} | {lv.key: lv for lv in DISABILITY_LEVELS}


def get_disability_type(code_or_key: str) -> DisabilityType:
    """A type by code ("1".."6") or key ("mobility", ...); raises ``KeyError``."""
    return _TYPES[code_or_key]


def get_disability_level(code_or_key: str) -> DisabilityLevel:
    """A level by code ("1".."3") or key ("especially_severe", "severe", "mild")."""
    return _LEVELS[code_or_key]
