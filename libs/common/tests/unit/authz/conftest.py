"""The fake unit hierarchy of ``ansinh_common.authz.testing`` as the ``units`` fixture."""

from __future__ import annotations

import pytest

from ansinh_common.authz.testing import PARENTS, FakeUnitTree


@pytest.fixture
def units() -> FakeUnitTree:
    return FakeUnitTree(PARENTS)
