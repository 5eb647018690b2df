"""The default ``UnitTree`` over the real shared catalogs."""

from __future__ import annotations

import pytest

from ansinh_common.auth.principal import Principal
from ansinh_common.authz import Action, CatalogUnitTree, Resource, decide
from ansinh_common.catalogs import admin_units


@pytest.fixture(scope="module")
def tree() -> CatalogUnitTree:
    return CatalogUnitTree()


def test_ancestors_are_codes_nearest_first_ending_with_the_root(tree: CatalogUnitTree) -> None:
    commune = next(iter(admin_units.units("2025", "commune")))
    found = tree.ancestors(commune.code, "2025")
    assert found[0] == commune.parent_code and found[-1] == "VN" and len(found) == 2
    old = next(iter(admin_units.units("pre2025", "commune")))
    assert len(tree.ancestors(old.code, "pre2025")) == 3
    assert tree.ancestors("VN", "2025") == ()


def test_unknown_codes_and_versions_raise_lookup_error(tree: CatalogUnitTree) -> None:
    with pytest.raises(LookupError):
        tree.ancestors("99999", "2025")
    with pytest.raises(LookupError):
        tree.ancestors("01", "1999")


def test_decisions_over_the_real_catalog(tree: CatalogUnitTree) -> None:
    communes = list(admin_units.units("2025", "commune"))
    here = communes[0]
    elsewhere = next(c for c in communes if c.parent_code != here.parent_code)
    officer = Principal("s", "u", frozenset({"province_officer"}), here.parent_code)
    assert decide(officer, Action.WRITE, Resource(here.code, "2025"), units=tree).allowed
    assert not decide(officer, Action.READ, Resource(elsewhere.code, "2025"), units=tree).allowed
