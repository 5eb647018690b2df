"""The public posting list never contains HIV-related information."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from dossier.domain import posting
from dossier.domain.dossier import Dossier
from dossier.domain.posting import build_posting_list

from .dossier_builders import (
    ALLOWANCE,
    APPLICANT_ID,
    OTHER_ID,
    at,
    commune_officer,
    elderly_values,
    hiv_values,
    received,
)

DAY = dt.date(2025, 3, 3)


def posted(**kwargs: object) -> Dossier:
    dossier = received(DAY, **kwargs)
    dossier.post_publicly(commune_officer(), at(dt.date(2025, 3, 7)))
    return dossier


def child_with_hiv() -> dict[str, object]:
    return {
        "full_name": "Phạm Minh Khôi",
        "birth_date": "2019-05-05",
        "gender": "male",
        "ethnicity": "01",
        "personal_id": "001219001111",
        "residence": "Thôn Nam",
        "commune_code": "00004",
        "hamlet": "Thôn Nam",
        "hiv_infected": True,
        "household_poverty": "poor",
    }


def test_legal_basis_is_written_beside_the_rule() -> None:
    assert posting.LEGAL_BASIS == "Decree 20/2021/NĐ-CP Art. 8.1.b"


def test_hiv_related_dossiers_are_absent_from_the_posting_list() -> None:
    elderly = posted(values=elderly_values())
    adult_with_hiv = posted(form="1d", values=hiv_values())
    child = posted(form="1a", values=child_with_hiv())

    listing = build_posting_list(
        [adult_with_hiv, elderly, child],
        lambda d: ALLOWANCE,
        unit_code="00004",
        posted_on=dt.date(2025, 3, 7),
    )

    text = "\n".join(listing.lines())
    assert [e.full_name for e in listing.entries] == ["NGUYỄN THỊ LAN"]
    assert "HIV" not in text
    assert "TRẦN VĂN BÌNH" not in text and "PHẠM MINH KHÔI" not in text
    assert APPLICANT_ID not in text and OTHER_ID not in text  # personal numbers never posted
    assert "sinh năm 1950 — Thôn Đông" in text


def test_a_dossier_classified_in_an_hiv_category_is_left_out() -> None:
    dossier = posted(values=elderly_values())
    from dossier.domain.records import Appraisal

    dossier.appraisal = Appraisal("x", DAY, True, "5.8", Decimal("1.5"), None, "")
    listing = build_posting_list([dossier], lambda d: ALLOWANCE, unit_code="00004", posted_on=DAY)
    assert listing.entries == ()
