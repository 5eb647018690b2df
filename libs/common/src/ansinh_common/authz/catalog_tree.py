"""``UnitTree`` over the shared administrative-unit catalogs (both versions)."""

from __future__ import annotations

from collections.abc import Sequence

from ansinh_common.catalogs import admin_units


class CatalogUnitTree:
    """Ancestry from ``ansinh_common.catalogs.admin_units`` (versions "pre2025", "2025").

    Unknown codes and unknown versions raise ``LookupError`` (``UnknownUnitError`` is a
    ``KeyError``; an unknown version string is turned into a ``LookupError`` here).
    """

    def ancestors(self, code: str, version: str) -> Sequence[str]:
        try:
            catalog_version = admin_units.CatalogVersion(version)
        except ValueError as exc:
            raise LookupError(f"unknown catalog version {version!r}") from exc
        return tuple(unit.code for unit in admin_units.ancestors(code, catalog_version))
