"""``python -m dossier``: settings from the environment, ``bootstrap``, serve (ADR 0013)."""

from __future__ import annotations

from ansinh_common.runtime import serve
from dossier.bootstrap import bootstrap
from dossier.config import DossierSettings


def main() -> None:
    serve(bootstrap(DossierSettings()))
