"""The payment domain is plain Python: no I/O libraries, no settings, no other layers."""

from __future__ import annotations

import ast
from pathlib import Path

import payment.domain

FORBIDDEN = (
    "sqlalchemy", "grpc", "kafka", "confluent_kafka", "aiokafka", "redis", "httpx", "requests",
    "openpyxl", "psycopg", "asyncpg", "pydantic_settings", "ansinh_protos", "ansinh.",
    "ansinh_common.settings", "ansinh_common.db", "ansinh_common.messaging",
    "ansinh_common.grpc", "ansinh_common.runtime", "ansinh_common.telemetry",
    "payment.adapters", "payment.service_layer", "payment.entrypoints", "payment.config",
    "payment.bootstrap", "registry",
)  # fmt: skip
DOMAIN = Path(payment.domain.__file__).parent


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def test_the_domain_imports_no_io_library_and_no_outer_layer() -> None:
    files = sorted(DOMAIN.rglob("*.py"))
    assert len(files) > 10
    offences = [
        f"{path.relative_to(DOMAIN)}: {name}"
        for path in files
        for name in imported_modules(path)
        if any(name == f or name.startswith(f if f.endswith(".") else f + ".") for f in FORBIDDEN)
    ]
    assert offences == []


def test_the_check_would_see_a_forbidden_import(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("import sqlalchemy.orm\nfrom redis import Redis\n", encoding="utf-8")
    assert imported_modules(bad) == {"sqlalchemy.orm", "redis"}
