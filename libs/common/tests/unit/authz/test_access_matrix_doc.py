"""The published docs/access-matrix.md is exactly what the policy tables render."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from ansinh_common.authz import render_access_matrix

ROOT = Path(__file__).resolve().parents[5]
MATRIX = ROOT / "docs" / "access-matrix.md"
SCRIPT = ROOT / "libs" / "common" / "scripts" / "gen_access_matrix.py"


def test_committed_matrix_is_up_to_date() -> None:
    assert MATRIX.read_text(encoding="utf-8") == render_access_matrix(), (
        "docs/access-matrix.md is stale: run "
        "`uv run python libs/common/scripts/gen_access_matrix.py`"
    )


def test_script_check_mode_agrees() -> None:
    spec = importlib.util.spec_from_file_location("gen_access_matrix", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.MATRIX_PATH == MATRIX
    assert module.main(["--check"]) == 0


def test_matrix_rows_match_the_hand_written_expectations() -> None:
    text = render_access_matrix()
    assert "| `province_leader` | read, write, decide | read, write, decide | — | — |" in text
    assert "| `commune_officer` | read, write | read, write | — | — |" in text
    assert "| `system_admin` | — | — | — | — |" in text
    assert "| `citizen` | read, write | — |" in text
    assert "| two_level | 2025 | province | commune |" in text
    assert "| three_level | pre2025 | province | district |" in text
