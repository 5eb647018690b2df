"""The certificate of a poor or near-poor household (Giấy chứng nhận hộ nghèo, hộ cận nghèo).

Its number is ``Số <n>/GCN-HN.HCN``; the number ``n`` is allocated by the database, the domain
formats and parses it. The content lists the head (name, ethnicity, ID, residence), the members
(relation, birth year, gender) and the status with the deprivations of each review year.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ansinh_common.catalogs.ethnicities import get_ethnicity
from ansinh_common.catalogs.personal_id import Gender
from poverty.domain.errors import InvalidCertificateNumber, ReviewOutOfOrder
from poverty.domain.events import CertificateIssued
from poverty.domain.model import RELATION_LABELS, Household, StatusHistory
from poverty.domain.standards import get_standard

SUFFIX = "GCN-HN.HCN"
_NUMBER = re.compile(r"Số (\d{1,9})/GCN-HN\.HCN")
GENDER_LABELS = {Gender.MALE: "Nam", Gender.FEMALE: "Nữ"}


def format_certificate_number(n: int) -> str:
    if n <= 0:
        raise InvalidCertificateNumber("Số giấy chứng nhận phải là số nguyên dương.")
    return f"Số {n}/{SUFFIX}"


def parse_certificate_number(text: str) -> int:
    match = _NUMBER.fullmatch(text.strip())
    if match is None or int(match.group(1)) == 0:
        raise InvalidCertificateNumber(
            f"{text!r} không đúng dạng 'Số …/{SUFFIX}' (ví dụ: 'Số 15/{SUFFIX}')."
        )
    return int(match.group(1))


@dataclass(frozen=True, slots=True)
class CertificateMember:
    full_name: str
    relation: str
    birth_year: int
    gender: str
    national_id: str


@dataclass(frozen=True, slots=True)
class CertificateYear:
    review_year: int
    status: str
    deprivations: tuple[str, ...]  # indicator names in Vietnamese


@dataclass(frozen=True, slots=True)
class CertificateContent:
    number: str
    commune_code: str
    head_name: str
    head_ethnicity: str
    head_national_id: str
    residence: str
    members: tuple[CertificateMember, ...]
    years: tuple[CertificateYear, ...]
    issued_on: dt.date
    signed_by: str


def issue_certificate(
    number: int,
    household: Household,
    history: StatusHistory,
    issued_on: dt.date,
    signed_by: str,
) -> tuple[CertificateContent, CertificateIssued]:
    """The content and the event of a certificate for a household poor or near-poor now."""
    change = history.change_as_of(issued_on)
    if change is None or not change.status.is_poor_or_near_poor:
        raise ReviewOutOfOrder(
            "Chỉ cấp giấy chứng nhận cho hộ nghèo hoặc hộ cận nghèo đã có quyết định công nhận."
        )
    years = []
    for year, c in sorted(history.by_year().items()):
        if c.effective_on > issued_on:
            continue
        standard = get_standard(c.standard_code)
        names = tuple(standard.indicator(code).name for code in c.deprivations)
        years.append(CertificateYear(year, c.status.label, names))
    head = household.head
    content = CertificateContent(
        number=format_certificate_number(number),
        commune_code=household.commune_code,
        head_name=head.full_name,
        head_ethnicity=get_ethnicity(head.ethnicity_code).name,
        head_national_id=head.national_id,
        residence=household.address,
        members=tuple(
            CertificateMember(
                m.full_name,
                RELATION_LABELS[m.relation],
                m.birth_date.year,
                GENDER_LABELS[m.gender],
                m.national_id,
            )
            for m in household.members
        ),
        years=tuple(years),
        issued_on=issued_on,
        signed_by=signed_by,
    )
    event = CertificateIssued(
        certificate_number=content.number,
        household_id=household.household_id,
        commune_code=household.commune_code,
        review_year=change.review_year,
        status=change.status,
        issued_on=issued_on,
        issued_by=signed_by,
    )
    return content, event
