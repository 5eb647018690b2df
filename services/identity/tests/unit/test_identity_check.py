from datetime import date

from ansinh_common.catalogs.personal_id import Gender
from identity.domain.identity_check import (
    Declared,
    MismatchReason,
    PopulationRecord,
    clean_national_id,
    compare,
)

RECORD = PopulationRecord("001090012345", "Nguyễn Văn An", date(1990, 5, 15), Gender.MALE)


def declared(**changes: object) -> Declared:
    base: dict[str, object] = {
        "national_id": "001090012345",
        "full_name": "Nguyễn Văn An",
        "birth_date": date(1990, 5, 15),
        "gender": Gender.MALE,
    }
    base.update(changes)
    return Declared(**base)  # type: ignore[arg-type]


def test_match_with_normalised_name() -> None:
    result = compare(declared(full_name="  NGUYỄN  văn an"), RECORD)
    assert result.matched and result.mismatches == ()


def test_each_mismatch_has_its_own_reason() -> None:
    cases = {
        MismatchReason.FULL_NAME: declared(full_name="Nguyễn Văn Anh"),
        MismatchReason.FULL_NAME_DIACRITICS: declared(full_name="Nguyen Van An"),
        MismatchReason.BIRTH_DATE: declared(birth_date=date(1990, 5, 16)),
        MismatchReason.GENDER: declared(gender=Gender.FEMALE),
    }
    for reason, decl in cases.items():
        assert compare(decl, RECORD).mismatches == (reason,)
    assert compare(declared(national_id="12345"), RECORD).mismatches == (
        MismatchReason.NATIONAL_ID_INVALID,
    )
    assert compare(declared(national_id="001090099999"), None).mismatches == (
        MismatchReason.NATIONAL_ID_NOT_FOUND,
    )
    codes = {r.code for r in MismatchReason}
    assert len(codes) == len(MismatchReason)
    assert all(r.message for r in MismatchReason)


def test_several_mismatches_are_all_reported() -> None:
    result = compare(declared(birth_date=date(1991, 1, 1), gender=Gender.FEMALE), RECORD)
    assert result.mismatches == (MismatchReason.BIRTH_DATE, MismatchReason.GENDER)
    assert not result.matched


def test_legacy_cmnd_and_typed_separators() -> None:
    assert clean_national_id("001 090.012-345") == "001090012345"
    assert clean_national_id("012345678") is None  # 9-digit CMND
    assert compare(declared(national_id="012345678"), RECORD).mismatches == (
        MismatchReason.NATIONAL_ID_INVALID,
    )
