"""Development settings of the dossier service: ports and the shard map."""

from __future__ import annotations

import pytest

from ansinh_common.runtime.testing import check_development_defaults
from dossier.config import DossierSettings


def test_development_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    check_development_defaults(monkeypatch, DossierSettings, "dossier", (58052, 58152))
