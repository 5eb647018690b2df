"""``python -m registry.entrypoints.import_cli FILE --unit 01 [--apply] [--valid-rows-only]``.

An operator's import of a commune file from the command line (the same importer as the gRPC
ImportFile), acting as an official of ``--unit`` with ``--role``. Progress and the result are
printed as JSON lines on stdout; the error workbook is written next to the file
(``<name>.loi.xlsx``) when there are errors. Exit code 0 when the file had no error, 1 if it
had errors, 2 on a refusal (wrong file, no access).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from ansinh_common.auth.principal import Principal
from ansinh_common.errors import DomainError
from ansinh_common.logging import configure_logging
from registry.bootstrap import bootstrap
from registry.config import RegistrySettings
from registry.excel.importer import ImportMode, ImportOptions, Progress


def _print(doc: dict[str, object]) -> None:
    sys.stdout.write(json.dumps(doc, ensure_ascii=False) + "\n")
    sys.stdout.flush()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="registry.entrypoints.import_cli")
    parser.add_argument("file", type=Path)
    parser.add_argument("--unit", required=True, help="unit code of the acting official")
    parser.add_argument("--role", default="province_officer")
    parser.add_argument("--user", default="import-cli")
    parser.add_argument("--apply", action="store_true", help="apply (default: dry run)")
    parser.add_argument("--valid-rows-only", action="store_true")
    parser.add_argument("--batch-rows", type=int, default=None)
    args = parser.parse_args(argv)
    settings = RegistrySettings()
    configure_logging(f"{settings.service_name}-import", "WARNING")
    app = bootstrap(settings)
    principal = Principal(f"cli:{args.user}", args.user, frozenset({args.role}), args.unit)
    options = ImportOptions(
        mode=ImportMode.APPLY if args.apply else ImportMode.DRY_RUN,
        valid_rows_only=args.valid_rows_only,
        batch_rows=args.batch_rows or settings.import_batch_rows,
        file_name=args.file.name,
    )

    def progress(p: Progress) -> None:
        _print({"phase": p.phase.value, "rows_done": p.rows_done, "rows_total": p.rows_total,
                "percent": p.percent})  # fmt: skip

    try:
        report = app.importer.run(principal, args.file.read_bytes(), options, progress)
    except DomainError as exc:
        _print({"error": exc.detail, "fields": [e.field for e in exc.errors]})
        return 2
    finally:
        app.close()
    if report.error_workbook:
        args.file.with_suffix(".loi.xlsx").write_bytes(report.error_workbook)
    _print(
        {
            "rows_total": report.rows_total, "rows_valid": report.rows_valid,
            "rows_applied": report.rows_applied, "applied": report.applied,
            "records_created": report.records_created, "records_changed": report.records_changed,
            "errors": [str(e) for e in report.errors[:100]], "error_count": len(report.errors),
        }
    )  # fmt: skip
    return 1 if report.errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
