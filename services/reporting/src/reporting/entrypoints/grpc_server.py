"""``python -m reporting``: settings from the environment, ``bootstrap``, serve (ADR 0013)."""

from __future__ import annotations

from ansinh_common.runtime import serve
from reporting.bootstrap import bootstrap
from reporting.config import ReportingSettings


def main() -> None:
    serve(bootstrap(ReportingSettings()))
