"""Names by ethnicity, gender and birth cohort (tables in :mod:`ansinh_synthpop.data.names`)."""

from __future__ import annotations

import random
import unicodedata

from ansinh_synthpop.data import names as t
from ansinh_synthpop.sampling import Weighted

# Naming group by ethnicity code (ansinh_common.catalogs.ethnicities); default "kinh".
_GROUP_BY_ETHNICITY: dict[str, str] = {
    "08": "mong", "03": "thai", "02": "tay_nung", "07": "tay_nung", "15": "tay_nung",
    "09": "dao", "06": "muong", "05": "khmer", "12": "ede", "20": "ede",
    "10": "highlands", "13": "highlands", "14": "highlands", "16": "highlands",
    "19": "highlands", "22": "highlands", "27": "highlands", "28": "highlands",
    "21": "highlands", "36": "highlands",
}  # fmt: skip

_FAMILY: dict[str, Weighted[str]] = {
    "kinh_north": Weighted(t.KINH_FAMILY_NORTH),
    "kinh_south": Weighted(t.KINH_FAMILY_SOUTH),
    "mong": Weighted(t.MONG_FAMILY),
    "thai": Weighted(t.THAI_FAMILY),
    "tay_nung": Weighted(t.TAY_NUNG_FAMILY),
    "dao": Weighted(t.DAO_FAMILY),
    "muong": Weighted(t.MUONG_FAMILY),
    "khmer": Weighted(t.KHMER_FAMILY),
    "ede": Weighted(t.HIGHLANDS_FAMILY),
    "highlands": Weighted(t.HIGHLANDS_FAMILY),
}
_MIDDLE_M = Weighted(t.MIDDLE_MALE)
_MIDDLE_F_OLD = Weighted(t.MIDDLE_FEMALE_OLD)
_MIDDLE_F_YOUNG = Weighted(t.MIDDLE_FEMALE_YOUNG)
_GIVEN_M = Weighted(t.GIVEN_MALE)
_GIVEN_F = Weighted(t.GIVEN_FEMALE)
_MONG_MIDDLE = (Weighted(t.MONG_MIDDLE_MALE), Weighted(t.MONG_MIDDLE_FEMALE))
_MONG_GIVEN = (Weighted(t.MONG_GIVEN_MALE), Weighted(t.MONG_GIVEN_FEMALE))
_KHMER_GIVEN = (Weighted(t.KHMER_GIVEN_MALE), Weighted(t.KHMER_GIVEN_FEMALE))
_EDE_GIVEN = (Weighted(t.HIGHLANDS_GIVEN_MALE), Weighted(t.HIGHLANDS_GIVEN_FEMALE))

Name = tuple[str, str, str, str]  # family, middle, given, full


def naming_group(ethnicity: str) -> str:
    return _GROUP_BY_ETHNICITY.get(ethnicity, "kinh")


def family_name(rng: random.Random, ethnicity: str, south: bool) -> str:
    g = naming_group(ethnicity)
    if g == "kinh":
        g = "kinh_south" if south else "kinh_north"
    return _FAMILY[g].pick(rng)


def person_name(
    rng: random.Random, ethnicity: str, male: bool, birth_year: int, family: str
) -> Name:
    """Middle and given names for someone of that family; returns (family, middle, given, full)."""
    g = naming_group(ethnicity)
    i = 0 if male else 1
    if g == "mong":
        middle, given = _MONG_MIDDLE[i].pick(rng), _MONG_GIVEN[i].pick(rng)
    elif g == "khmer":
        return family, "", (given := _KHMER_GIVEN[i].pick(rng)), f"{family} {given}"
    elif g == "ede":
        given = _EDE_GIVEN[i].pick(rng)
        return family, "", given, f"{given} {family}"
    else:
        if male:
            middle = _MIDDLE_M.pick(rng)
        else:
            middle = (_MIDDLE_F_OLD if birth_year < 1975 else _MIDDLE_F_YOUNG).pick(rng)
        given = (_GIVEN_M if male else _GIVEN_F).pick(rng)
        if middle == given:
            middle = "Văn" if male else "Thị"
    return family, middle, given, f"{family} {middle} {given}"


def strip_diacritics(text: str) -> str:
    """ "Nguyễn Thị Đào" → "Nguyen Thi Dao" (as legacy systems without Unicode typed it)."""
    text = text.replace("Đ", "D").replace("đ", "d")
    return "".join(
        ch for ch in unicodedata.normalize("NFD", text) if unicodedata.category(ch) != "Mn"
    )
