"""Who may do what with a list or a province setting (``ansinh_common.authz``, ADR 0006).

Preparing a list is a write on the commune (commune officers and above); approving is a
decision (leaders); a province setting is a write on the province (its officers, ADR 0026).
"""

from __future__ import annotations

from ansinh_common.auth.principal import Principal
from ansinh_common.authz import Action, Domain, Resource, UnitTree, require, sees_identifiers
from ansinh_common.catalogs import admin_units
from ansinh_common.errors import FieldError, InvalidInput

CATALOG = admin_units.CatalogVersion.V2025


class UnknownCommune(InvalidInput):
    def __init__(self, code: str) -> None:
        super().__init__(
            f"Không tìm thấy xã/phường mã '{code}' trong danh mục đơn vị hành chính 2025.",
            title="Dữ liệu không hợp lệ",
            errors=[FieldError("commune_code", f"Mã xã không tồn tại: {code}.", "unknown")],
        )


def province_of_commune(commune_code: str) -> str:
    unit = admin_units.find_unit(commune_code, CATALOG)
    if unit is None or unit.level is not admin_units.Level.COMMUNE:
        raise UnknownCommune(commune_code)
    return admin_units.province_of(commune_code, CATALOG).code


def require_on(principal: Principal, action: Action, unit_code: str, units: UnitTree) -> None:
    resource = Resource(unit_code, CATALOG.value, domain=Domain.SOCIAL_ASSISTANCE)
    require(principal, action, resource, units=units)


def sees_identifiers_on(principal: Principal, commune_code: str, units: UnitTree) -> bool:
    """Personal ID (and account) numbers of the commune's people in full, or masked: the house
    rule of the registry (``ansinh_common.authz.sees_identifiers``, Decree 13/2023/NĐ-CP):
    officers and leaders of the commune, its district or its province see them; a reader
    above (the ministry) or beside sees ``0010******45``. Names are shown, as in the registry
    (ADR 0033)."""
    resource = Resource(commune_code, CATALOG.value, domain=Domain.SOCIAL_ASSISTANCE)
    return sees_identifiers(principal, resource, units=units)
