"""The web app's list of payment channels (``web/src/pages/payments/paymentLabels.ts``) is the
catalog's (``ansinh_common.catalogs.payment_channels``): same codes, names and order."""

from __future__ import annotations

import re
from pathlib import Path

from ansinh_common.catalogs.payment_channels import PAYMENT_CHANNELS

LABELS = Path(__file__).resolve().parents[2] / "web/src/pages/payments/paymentLabels.ts"


def test_the_web_channels_are_the_catalog() -> None:
    source = LABELS.read_text(encoding="utf-8")
    block = source[source.index("export const CHANNELS") :].split("];", 1)[0]
    listed = re.findall(r'\{ code: "([^"]+)", name: "([^"]+)" \}', block)
    assert listed == [(c.code, c.name) for c in PAYMENT_CHANNELS]
