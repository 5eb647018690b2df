"""Development settings of the payment service: ports and the shard map."""

from __future__ import annotations

import pytest

from ansinh_common.runtime.testing import check_development_defaults
from payment.config import PaymentSettings


def test_development_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    check_development_defaults(monkeypatch, PaymentSettings, "payment", (58055, 58155))
