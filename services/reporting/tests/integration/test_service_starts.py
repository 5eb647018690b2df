"""The reporting service migrates fresh databases and serves gRPC health (a real process)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from ansinh_common.runtime.testing import ServiceProcess, migrate_fresh_databases
from reporting.config import ReportingSettings

pytestmark = pytest.mark.integration

ALEMBIC_INI = Path(__file__).parents[2] / "alembic.ini"


def test_migrates_and_serves_health(make_database: Callable[[str], str]) -> None:
    databases = migrate_fresh_databases(make_database, ReportingSettings, ALEMBIC_INI)
    for tables in databases.tables().values():
        assert {"alembic_version", "outbox", "inbox"} <= tables

    with ServiceProcess.module("reporting", databases.env()) as service:
        assert service.health() == "SERVING"
        assert service.terminate() == 0
