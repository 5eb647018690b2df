"""Write docs/access-matrix.md from the policy tables of ``ansinh_common.authz``.

Usage: ``uv run python libs/common/scripts/gen_access_matrix.py [--check]``.
With ``--check`` nothing is written; the exit status is 1 if the committed file differs.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ansinh_common.authz.matrix import render_access_matrix

MATRIX_PATH = Path(__file__).resolve().parents[3] / "docs" / "access-matrix.md"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if the file is out of date")
    args = parser.parse_args(argv)
    text = render_access_matrix()
    if args.check:
        current = MATRIX_PATH.read_text(encoding="utf-8") if MATRIX_PATH.exists() else ""
        if current != text:
            print(f"{MATRIX_PATH} is out of date; run {Path(__file__).name}", file=sys.stderr)
            return 1
        return 0
    MATRIX_PATH.write_text(text, encoding="utf-8")
    print(f"wrote {MATRIX_PATH}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
