"""Shared catalogs (danh mục dùng chung): read-only, versioned reference data.

Every entry records its legal or official source (``legal_basis`` / ``source``). Data is read
lazily from package files and cached; nothing is downloaded at run time. Details, sources and
the checks done on third-party data: docs/catalogs.md. Import from the submodules or from here.

Public API (stable)
-------------------
admin_units — administrative units, two catalogs: ``CatalogVersion.PRE2025`` ("pre2025",
    63 provinces / 696 districts / 10,051 communes) and ``CatalogVersion.V2025`` ("2025",
    34 provinces / 3,321 communes). Codes are strings with leading zeros (province 2 digits,
    district 3, commune 5); identity is (version, code); country root "VN".
    Unit(code, name, level: Level, parent_code, version)
    get_unit(code, version) -> Unit                     (UnknownUnitError, a KeyError)
    find_unit(code, version) -> Unit | None
    units(version, level=None) -> Iterator[Unit]
    children(code, version) -> tuple[Unit, ...]
    ancestors(code, version) -> tuple[Unit, ...]        nearest first, ends with "VN"
    is_within(code, scope_code, version) -> bool         self or descendant (scope checks)
    province_of(code, version) -> Unit
    map_old_to_new(old_commune_code) -> CommuneMapping(old_code, new_codes, primary_code, split)
    map_old_province_to_new(old_province_code) -> str; PROVINCE_MERGERS_2025 (Res. 202/2025/QH15)
ethnicities — 54 groups with GSO codes "01".."54" + foreigner "55".
    Ethnicity(code, name, other_names, legal_basis, is_foreigner)
    ethnicities(include_foreigner=True), get_ethnicity(code), find_ethnicity(code), FOREIGNER_CODE
disability — DISABILITY_TYPES (codes "1".."6"), DISABILITY_LEVELS ("1".."3"),
    get_disability_type(code_or_key), get_disability_level(code_or_key)
assistance_categories — Decree 20/2021 Art. 5 groups ("5.1".."5.8", "5.5a".."5.5d"),
    care support ("C1".."C4", Art. 20), facility allowance ("F1", Art. 25).
    Category(code, name, description, benefit, legal_basis, rules), CoefficientRule(...)
    get_category(code), categories(benefit=None), coefficient(category_code, condition="default")
standard_levels — standard_level(province_code, year, month, catalog_version="2025") -> int VND;
    standard_level_row(...) -> StandardLevel; StandardLevelTable (for tests / overrides)
poverty_standards — standard_for_year(review_year) -> PovertyStandard; get_standard(code);
    poverty_standards(); PovertyStandard.classify(area, income, deprivations) -> PovertyStatus
payment_channels — PaymentChannel(code, name, kind, needs_account, legal_basis);
    get_payment_channel(code), payment_channels(kind=None), ChannelKind
working_days — is_working_day(d), is_holiday(d), add_working_days(d, n),
    working_days_between(a, b)   (weekends, `holidays` VN, decreed swaps as data)
personal_id — decode(raw) -> DecodedId (kind, province_code, gender, century, birth_year,
    serial, errors); is_valid(raw); check_consistency(raw, gender, birth_year) -> Findings;
    make_personal_id(province_code, gender, birth_year, serial) -> str; BIRTH_PROVINCE_CODES
provincial_sync — shipped_sync_modes() -> SyncModes (mode_of, accepts_inbound,
    publishes_outbound, provinces_in), SyncMode (none, one_way, two_way), parse_sync_modes(doc);
    which way each province's one-stop system syncs (not verified per province)
"""

from ansinh_common.catalogs import (
    admin_units,
    assistance_categories,
    disability,
    ethnicities,
    payment_channels,
    personal_id,
    poverty_standards,
    provincial_sync,
    standard_levels,
    working_days,
)
from ansinh_common.catalogs.admin_units import (
    CatalogVersion,
    CommuneMapping,
    Level,
    Unit,
    UnknownUnitError,
    ancestors,
    children,
    find_unit,
    get_unit,
    is_within,
    map_old_province_to_new,
    map_old_to_new,
    province_of,
    units,
)
from ansinh_common.catalogs.assistance_categories import Category, coefficient, get_category
from ansinh_common.catalogs.ethnicities import Ethnicity, get_ethnicity
from ansinh_common.catalogs.personal_id import (
    Gender,
    check_consistency,
    decode,
    make_personal_id,
)
from ansinh_common.catalogs.poverty_standards import PovertyStandard, standard_for_year
from ansinh_common.catalogs.standard_levels import standard_level
from ansinh_common.catalogs.working_days import (
    add_working_days,
    is_working_day,
    working_days_between,
)

__all__ = [
    "CatalogVersion",
    "Category",
    "CommuneMapping",
    "Ethnicity",
    "Gender",
    "Level",
    "PovertyStandard",
    "Unit",
    "UnknownUnitError",
    "add_working_days",
    "admin_units",
    "ancestors",
    "assistance_categories",
    "check_consistency",
    "children",
    "coefficient",
    "decode",
    "disability",
    "ethnicities",
    "find_unit",
    "get_category",
    "get_ethnicity",
    "get_unit",
    "is_within",
    "is_working_day",
    "make_personal_id",
    "map_old_province_to_new",
    "map_old_to_new",
    "payment_channels",
    "personal_id",
    "poverty_standards",
    "province_of",
    "provincial_sync",
    "standard_for_year",
    "standard_level",
    "standard_levels",
    "units",
    "working_days",
    "working_days_between",
]
