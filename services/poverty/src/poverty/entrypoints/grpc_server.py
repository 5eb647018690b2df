"""``python -m poverty``: settings from the environment, ``bootstrap``, serve (ADR 0013)."""

from __future__ import annotations

from ansinh_common.runtime import serve
from poverty.bootstrap import bootstrap
from poverty.config import PovertySettings


def main() -> None:
    serve(bootstrap(PovertySettings()))
