"""Development settings of the reporting service: ports and the shard map."""

from __future__ import annotations

import pytest

from ansinh_common.runtime.testing import check_development_defaults
from reporting.config import ReportingSettings


def test_development_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    check_development_defaults(monkeypatch, ReportingSettings, "reporting", (58056, 58156))
