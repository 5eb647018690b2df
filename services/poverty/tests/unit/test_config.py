"""Development settings of the poverty service: ports and the shard map."""

from __future__ import annotations

import pytest

from ansinh_common.runtime.testing import check_development_defaults
from poverty.config import PovertySettings


def test_development_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    check_development_defaults(monkeypatch, PovertySettings, "poverty", (58054, 58154))
