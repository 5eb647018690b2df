"""docs/api/openapi.json is what the app serves (regenerate with the command below)."""

from __future__ import annotations

from pathlib import Path

from gateway.entrypoints.openapi import render

DOC = Path(__file__).resolve().parents[4] / "docs" / "api" / "openapi.json"


def test_committed_openapi_document_is_current() -> None:
    assert DOC.read_text(encoding="utf-8") == render(), (
        "docs/api/openapi.json is stale: run "
        "`.venv/bin/python -m gateway.entrypoints.openapi docs/api/openapi.json`"
    )
