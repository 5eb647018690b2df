"""Fixtures of identity's unit tests: the fake unit hierarchy of ``ansinh_common.authz.testing``."""

from __future__ import annotations

import pytest

from ansinh_common.authz.testing import PARENTS, FakeUnitTree


@pytest.fixture
def units() -> FakeUnitTree:
    return FakeUnitTree(PARENTS)
