"""Where a dossier belongs: its province (the shard), its receiving agency, its id.

A dossier id is ``<province code>-<uuid>``: any call can find the shard that holds it
without a global index (ADR 0017). The province is the 2025 one (the shard key); a commune
code of the pre-2025 catalog is placed through the official mapping of provinces.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from ansinh_common.authz.tables import MODEL_CATALOG_VERSIONS
from ansinh_common.catalogs import admin_units
from ansinh_common.errors import FieldError, InvalidInput, NotFound
from dossier.domain.admin_models import ModelSelector

NATIONAL = ""


def province_of_commune(commune_code: object, on: dt.date, models: ModelSelector) -> str:
    """The 2025 province of the commune, read in the catalog in force on ``on``."""
    model = models.model_for(on, NATIONAL)
    version = MODEL_CATALOG_VERSIONS[model]
    code = str(commune_code or "")
    unit = admin_units.find_unit(code, version) if code.isdigit() and len(code) == 5 else None
    if unit is None:
        raise InvalidInput(
            f"Mã xã, phường {code or '(trống)'} không có trong danh mục đơn vị hành chính "
            f"{version}.",
            errors=[
                FieldError("values.commune_code", "Mã xã không có trong danh mục.", "unknown_unit")
            ],
        )
    province = admin_units.province_of(code, version).code
    if version == admin_units.CatalogVersion.PRE2025:
        return admin_units.map_old_province_to_new(province)
    return province


def agency_code(commune_code: str, province_code: str) -> str:
    """The receiving agency's code in the dossier code: the commune's one-stop desk.

    Stand-in until the national catalogue of agency codes (mã cơ quan) is loaded: ``X`` +
    commune code + ``.H`` + province code, in the allowed alphabet.
    """
    return f"X{commune_code}.H{province_code}"


def new_dossier_id(province_code: str, uuid_text: str) -> str:
    return f"{province_code}-{uuid_text}"


def province_of_dossier(dossier_id: str, provinces: frozenset[str]) -> str:
    """The province named by a dossier id; ``NotFound`` for an id no shard can hold."""
    province, sep, _ = dossier_id.partition("-")
    if not sep or (provinces and province not in provinces):
        raise NotFound(f"Không tìm thấy hồ sơ {dossier_id!r}.")
    return province


def province_of_unit(unit_code: str) -> str:
    """The 2025 province containing an administrative unit of either catalog."""
    for version in (admin_units.CatalogVersion.V2025, admin_units.CatalogVersion.PRE2025):
        if admin_units.find_unit(unit_code, version) is not None:
            code = admin_units.province_of(unit_code, version).code
            if version == admin_units.CatalogVersion.PRE2025:
                return admin_units.map_old_province_to_new(code)
            return code
    raise NotFound(f"Không có đơn vị hành chính mã {unit_code!r}.")


def shard_provinces(province_shards: Mapping[str, str]) -> tuple[str, ...]:
    """One province (the lowest code) per shard of ``province_shards`` (province → shard)."""
    first: dict[str, str] = {}
    for province in sorted(province_shards):
        first.setdefault(province_shards[province], province)
    return tuple(sorted(first.values()))
