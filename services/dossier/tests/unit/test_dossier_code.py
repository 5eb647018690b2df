"""The one-stop dossier code ``<agency code>-YYMMDD-XXXX``."""

from __future__ import annotations

import datetime as dt

import pytest

from dossier.domain import dossier_code
from dossier.domain.dossier_code import DossierCode
from dossier.domain.errors import InvalidDossierCode


def test_legal_basis_is_written_beside_the_rule() -> None:
    assert dossier_code.LEGAL_BASIS.startswith("Circular 01/2018/TT-VPCP Art. 19")


def test_format_and_parse_round_trip() -> None:
    code = DossierCode("000.00.04.H26", dt.date(2026, 3, 2), 7)
    assert str(code) == "000.00.04.H26-260302-0007"
    assert DossierCode.parse("000.00.04.H26-260302-0007") == code
    assert DossierCode.parse(" G22-251231-9999 ").sequence == 9999


def test_codes_sort_by_agency_date_and_sequence() -> None:
    a = DossierCode.parse("H26-260302-0002")
    b = DossierCode.parse("H26-260302-0010")
    c = DossierCode.parse("H26-260303-0001")
    assert sorted([c, b, a]) == [a, b, c]


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "H26-260302-07",
        "H26-260230-0001",  # 30 Feb
        "H26-260302-0000",
        "h26-260302-0001",
        "-260302-0001",
        "H26 X-260302-0001",
        "H26-2603020-0001",
    ],
)
def test_invalid_codes_are_refused(raw: str) -> None:
    with pytest.raises(InvalidDossierCode) as refused:
        DossierCode.parse(raw)
    assert refused.value.errors[0].field == "dossier_code"


def test_sequence_over_9999_is_refused() -> None:
    with pytest.raises(InvalidDossierCode):
        DossierCode("H26", dt.date(2026, 3, 2), 10_000)
