"""Shared data of the poverty integration tests: principals, households, changes."""

from __future__ import annotations

import datetime as dt
import itertools

from ansinh.common.v1 import common_pb2
from ansinh.poverty.v1 import poverty_pb2
from ansinh_common.auth.principal import Principal
from ansinh_common.catalogs.personal_id import Gender, make_personal_id

BA_DINH = "00004"  # Phường Ba Đình, Hà Nội (province 01)
COMMUNE_OFFICER = Principal("sub-pv-xa", "pv.xa", frozenset({"commune_officer"}), BA_DINH)
COMMUNE_CHAIR = Principal("sub-pv-ct", "pv.chutich", frozenset({"commune_leader"}), BA_DINH)
PROVINCE_POVERTY = Principal(
    "sub-pv-tinh", "pv.tinh", frozenset({"province_officer", "domain_poverty"}), "01"
)
MINISTRY_POVERTY = Principal(
    "sub-pv-bo", "pv.bo", frozenset({"ministry_officer", "domain_poverty"}), "VN"
)
PROVINCE_SOCIAL = Principal(
    "sub-sa-tinh", "sa.tinh", frozenset({"province_officer", "domain_social_assistance"}), "01"
)
MINISTRY_SOCIAL = Principal(
    "sub-sa-bo", "sa.bo", frozenset({"ministry_officer", "domain_social_assistance"}), "VN"
)
COMMUNE_SOCIAL = Principal(
    "sub-sa-xa", "sa.xa", frozenset({"commune_officer", "domain_social_assistance"}), BA_DINH
)

_serials = itertools.count(700_000)


def pid(gender: str, year: int) -> str:
    return make_personal_id("001", Gender(gender), year, next(_serials))


def pb_date(day: dt.date) -> common_pb2.Date:
    return common_pb2.Date(year=day.year, month=day.month, day=day.day)


def household(head: str = "Nguyễn Văn Hùng") -> poverty_pb2.Household:
    return poverty_pb2.Household(
        province_code="01",
        commune_code=BA_DINH,
        village="Tổ dân phố 5",
        address="Số 12, ngõ 3, Tổ dân phố 5, phường Ba Đình",
        area="urban",
        members=[
            poverty_pb2.Member(
                member_id="m1", full_name=head, national_id=pid("male", 1975),
                relation="head", birth_date=pb_date(dt.date(1975, 4, 2)), gender="male",
                ethnicity_code="01",
            ),
            poverty_pb2.Member(
                member_id="m2", full_name="Lò Thị Hương", national_id=pid("female", 1978),
                relation="spouse", birth_date=pb_date(dt.date(1978, 9, 15)), gender="female",
                ethnicity_code="03",
            ),
            poverty_pb2.Member(
                member_id="m3", full_name="Nguyễn Đức Anh", national_id=pid("male", 2010),
                relation="child", birth_date=pb_date(dt.date(2010, 1, 20)), gender="male",
                ethnicity_code="01",
            ),
        ],
    )  # fmt: skip


def change(
    status: str, on: dt.date, year: int, number: str, deprivations: tuple[str, ...] = ()
) -> poverty_pb2.StatusChange:
    return poverty_pb2.StatusChange(
        review_year=year,
        status=status,
        effective_on=pb_date(on),
        decision_number=number,
        standard_code="2022-2025",
        deprivations=list(deprivations),
        low_income_members=["m2"] if status in ("poor", "near_poor") else [],
    )
