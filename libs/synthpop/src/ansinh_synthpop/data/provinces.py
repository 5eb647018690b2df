"""Per-province figures for the pre-2025 provinces (codes of the 63-province catalog).

Columns: code, population in thousands (approximate 2024 averages, rounded from the General
Statistics Office's published provincial figures for 2023/2024), poor + near-poor household
rate in percent (approximate, from the 2022–2023 review results under Decree 07/2021, rounded;
used only as a *relative* weight, the national total is a parameter), and the ethnic mix in
percent (approximate, from the 2019 Population and Housing Census results; main groups only,
the rest of a province's population is given to the Kinh).

The table is kept per *pre-2025* province because birth registration (the first three digits
of the personal ID) uses those provinces, and because the mixes are sharper there. The 34
provinces of 2025 get their population by summing their former provinces through
``ansinh_common.catalogs.admin_units.map_old_province_to_new`` (Resolution 202/2025/QH15); see
:func:`ansinh_synthpop.geography.province_populations_2025`.

Ethnicity codes are those of ``ansinh_common.catalogs.ethnicities`` (Decision 121-TCTK/PPCĐ):
01 Kinh, 02 Tày, 03 Thái, 04 Hoa, 05 Khơ-me, 06 Mường, 07 Nùng, 08 HMông, 09 Dao, 10 Gia-rai,
12 Ê-đê, 13 Ba-na, 14 Xơ-đăng, 15 Sán Chay, 16 Cơ-ho, 17 Chăm, 18 Sán Dìu, 19 Hrê, 20 Mnông,
21 Ra-glai, 22 Xtiêng, 23 Bru-Vân Kiều, 25 Giáy, 26 Cơ-tu, 27 Gié-Triêng, 28 Mạ, 29 Khơ-mú,
30 Co, 31 Tà-ôi, 32 Chơ-ro, 35 Hà Nhì, 36 Chu-ru, 37 Lào, 38 La Chí, 40 Phù Lá, 41 La Hủ,
42 Lự, 43 Lô Lô, 44 Chứt, 45 Mảng, 33 Kháng, 34 Xinh-mun, 39 La Ha.
Approximations for synthetic data, not statistics to quote.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class OldProvince:
    code: str
    name: str
    population_k: int
    poverty_pct: float
    south: bool  # Huỳnh/Võ rather than Hoàng/Vũ (south of the Hải Vân pass, roughly)
    ethnic_mix: dict[str, float] = field(default_factory=dict)


def _p(
    code: str, name: str, pop: int, pov: float, south: bool, mix: dict[str, float] | None = None
) -> OldProvince:
    return OldProvince(code, name, pop, pov, south, mix or {})


_NORTH_DEFAULT = {"01": 99.4, "06": 0.2, "02": 0.2, "04": 0.2}
_SOUTH_DEFAULT = {"01": 98.6, "04": 0.8, "05": 0.6}

# fmt: off
OLD_PROVINCES: tuple[OldProvince, ...] = (
    _p("01", "Hà Nội", 8685, 0.4, False, {"01": 98.6, "06": 0.9, "02": 0.2, "03": 0.1, "04": 0.1}),
    _p("02", "Hà Giang", 900, 45.0, False,
       {"08": 32, "02": 23, "09": 15, "01": 13, "07": 9, "25": 2, "38": 2, "43": 0.6, "40": 0.4}),
    _p("04", "Cao Bằng", 548, 38.0, False, {"02": 41, "07": 31, "08": 10, "09": 10, "01": 6}),
    _p("06", "Bắc Kạn", 326, 30.0, False, {"02": 53, "09": 17, "01": 12, "07": 9, "08": 7}),
    _p("08", "Tuyên Quang", 805, 17.0, False,
       {"01": 46, "02": 25, "09": 11, "15": 8, "08": 2, "07": 2, "18": 1.5}),
    _p("10", "Lào Cai", 775, 22.0, False,
       {"01": 35, "08": 25, "02": 15, "09": 14, "25": 4, "07": 4, "40": 1, "35": 1}),
    _p("11", "Điện Biên", 640, 38.0, False,
       {"03": 38, "08": 35, "01": 19, "29": 3, "09": 1, "35": 1, "37": 1}),
    _p("12", "Lai Châu", 485, 36.0, False,
       {"03": 31, "08": 24, "01": 14, "09": 14, "35": 6, "25": 5, "41": 2, "42": 1, "29": 1,
        "45": 1}),
    _p("14", "Sơn La", 1300, 30.0, False,
       {"03": 53, "08": 17, "01": 16, "06": 7, "09": 2, "34": 2, "29": 1.5, "33": 1, "39": 1}),
    _p("15", "Yên Bái", 850, 18.0, False,
       {"01": 50, "02": 19, "08": 11, "09": 10, "03": 6, "06": 1, "07": 1}),
    _p("17", "Hòa Bình", 880, 14.0, False, {"06": 64, "01": 28, "03": 4, "09": 2, "02": 2}),
    _p("19", "Thái Nguyên", 1340, 6.0, False,
       {"01": 72, "02": 11, "07": 6, "18": 3, "15": 2, "09": 2, "06": 1, "08": 1}),
    _p("20", "Lạng Sơn", 805, 16.0, False, {"07": 43, "02": 35, "01": 16, "09": 4, "15": 1}),
    _p("22", "Quảng Ninh", 1390, 0.8, False, {"01": 88, "09": 6, "02": 3, "18": 1.5, "15": 1}),
    _p("24", "Bắc Giang", 1930, 5.0, False,
       {"01": 87, "07": 5, "02": 3, "15": 2, "18": 2, "04": 1}),
    _p("25", "Phú Thọ", 1510, 6.0, False, {"01": 85, "06": 14, "09": 1}),
    _p("26", "Vĩnh Phúc", 1220, 2.5, False, {"01": 97, "18": 3}),
    _p("27", "Bắc Ninh", 1520, 1.5, False, _NORTH_DEFAULT),
    _p("30", "Hải Dương", 1960, 2.5, False, _NORTH_DEFAULT),
    _p("31", "Hải Phòng", 2110, 1.5, False, _NORTH_DEFAULT),
    _p("33", "Hưng Yên", 1300, 3.0, False, _NORTH_DEFAULT),
    _p("34", "Thái Bình", 1880, 4.0, False, _NORTH_DEFAULT),
    _p("35", "Hà Nam", 880, 4.0, False, _NORTH_DEFAULT),
    _p("36", "Nam Định", 1890, 4.5, False, _NORTH_DEFAULT),
    _p("37", "Ninh Bình", 1010, 4.0, False, {"01": 98, "06": 2}),
    _p("38", "Thanh Hóa", 3770, 9.0, False, {"01": 84, "06": 10, "03": 6}),
    _p("40", "Nghệ An", 3450, 11.0, False, {"01": 85, "03": 10, "29": 1.3, "08": 1.2}),
    _p("42", "Hà Tĩnh", 1330, 7.0, False, _NORTH_DEFAULT),
    _p("44", "Quảng Bình", 920, 8.0, False, {"01": 98, "23": 1.5, "44": 0.5}),
    _p("45", "Quảng Trị", 650, 10.0, False, {"01": 90, "23": 8, "31": 2}),
    _p("46", "Thừa Thiên Huế", 1170, 5.0, False, {"01": 96, "31": 2.5, "26": 1, "23": 0.5}),
    _p("48", "Đà Nẵng", 1250, 0.5, True, {"01": 99.4, "04": 0.3, "26": 0.2}),
    _p("49", "Quảng Nam", 1520, 7.0, True, {"01": 92, "26": 4, "14": 2.5, "27": 1.5}),
    _p("51", "Quảng Ngãi", 1250, 9.0, True, {"01": 88, "19": 10, "30": 2}),
    _p("52", "Bình Định", 1510, 5.0, True, {"01": 97.5, "13": 1.3, "19": 0.9, "17": 0.3}),
    _p("54", "Phú Yên", 880, 7.0, True, {"01": 95, "12": 3, "17": 2}),
    _p("56", "Khánh Hòa", 1260, 3.0, True, {"01": 95, "21": 4, "04": 0.5, "12": 0.5}),
    _p("58", "Ninh Thuận", 600, 9.0, True, {"01": 76, "17": 12, "21": 11, "04": 0.5}),
    _p("60", "Bình Thuận", 1260, 3.0, True, {"01": 93, "17": 3.5, "21": 1.5, "04": 1.5}),
    _p("62", "Kon Tum", 580, 22.0, True,
       {"01": 46, "14": 25, "13": 13, "27": 7, "10": 3, "06": 1}),
    _p("64", "Gia Lai", 1600, 14.0, True, {"01": 52, "10": 31, "13": 13, "02": 1, "07": 1}),
    _p("66", "Đắk Lắk", 1930, 12.0, True,
       {"01": 65, "12": 18, "07": 4, "02": 3.5, "20": 2, "08": 1.5, "03": 1, "10": 1, "09": 1}),
    _p("67", "Đắk Nông", 690, 12.0, True,
       {"01": 68, "20": 10, "07": 6, "02": 5, "08": 5, "09": 3, "12": 1}),
    _p("68", "Lâm Đồng", 1340, 4.0, True,
       {"01": 75, "16": 13, "28": 2.5, "02": 2, "07": 2, "36": 1.5, "04": 1.5}),
    _p("70", "Bình Phước", 1040, 3.5, True,
       {"01": 82, "22": 8, "07": 3, "02": 2, "05": 1.5, "20": 1, "04": 1}),
    _p("72", "Tây Ninh", 1190, 2.0, True, {"01": 98, "05": 1, "04": 0.5, "17": 0.3}),
    _p("74", "Bình Dương", 2790, 0.1, True, {"01": 97, "04": 1, "05": 1, "02": 0.5, "07": 0.5}),
    _p("75", "Đồng Nai", 3310, 0.8, True,
       {"01": 91, "04": 3, "07": 2, "02": 1, "32": 0.8, "28": 0.5, "05": 0.5, "09": 0.5}),
    _p("77", "Bà Rịa - Vũng Tàu", 1190, 1.0, True, {"01": 97, "04": 1, "32": 1.5}),
    _p("79", "Hồ Chí Minh", 9520, 0.3, True,
       {"01": 93, "04": 4.5, "05": 0.6, "02": 0.2, "07": 0.2}),
    _p("80", "Long An", 1750, 2.0, True, _SOUTH_DEFAULT),
    _p("82", "Tiền Giang", 1790, 3.0, True, _SOUTH_DEFAULT),
    _p("83", "Bến Tre", 1300, 4.0, True, _SOUTH_DEFAULT),
    _p("84", "Trà Vinh", 1020, 6.0, True, {"01": 67, "05": 32, "04": 1}),
    _p("86", "Vĩnh Long", 1030, 2.5, True, {"01": 97.5, "05": 2, "04": 0.5}),
    _p("87", "Đồng Tháp", 1600, 4.0, True, _SOUTH_DEFAULT),
    _p("89", "An Giang", 1910, 5.0, True, {"01": 94, "05": 4, "04": 0.8, "17": 0.7}),
    _p("91", "Kiên Giang", 1760, 4.0, True, {"01": 85, "05": 13, "04": 2}),
    _p("92", "Cần Thơ", 1260, 1.5, True, {"01": 97.5, "04": 1.3, "05": 1.2}),
    _p("93", "Hậu Giang", 730, 5.0, True, {"01": 97, "05": 2, "04": 1}),
    _p("94", "Sóc Trăng", 1200, 8.0, True, {"01": 65, "05": 30, "04": 5}),
    _p("95", "Bạc Liêu", 925, 5.0, True, {"01": 89, "05": 8, "04": 3}),
    _p("96", "Cà Mau", 1210, 5.0, True, {"01": 97, "05": 2.5, "04": 0.5}),
)

# fmt: on
OLD_PROVINCE_BY_CODE: dict[str, OldProvince] = {p.code: p for p in OLD_PROVINCES}
