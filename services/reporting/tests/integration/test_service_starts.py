"""The reporting service migrates fresh databases and serves gRPC health (a real process)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from ansinh_common.runtime.testing import check_migrates_and_serves_health
from reporting.config import ReportingSettings

pytestmark = pytest.mark.integration


def test_migrates_and_serves_health(make_database: Callable[[str], str]) -> None:
    ini = Path(__file__).parents[2] / "alembic.ini"
    check_migrates_and_serves_health(make_database, ReportingSettings, ini, "reporting")
