"""``python -m payment``: settings from the environment, ``bootstrap``, serve (ADR 0013)."""

from __future__ import annotations

from ansinh_common.runtime import serve
from payment.bootstrap import bootstrap
from payment.config import PaymentSettings


def main() -> None:
    serve(bootstrap(PaymentSettings()))
