"""The domain is plain Python: no database, RPC, messaging, cache, HTTP, Excel or settings."""

from __future__ import annotations

import ast
from pathlib import Path

import dossier.domain

FORBIDDEN = (
    "sqlalchemy",
    "alembic",
    "grpc",
    "aiokafka",
    "confluent_kafka",
    "kafka",
    "redis",
    "httpx",
    "requests",
    "openpyxl",
    "fastapi",
    "pydantic_settings",
    "ansinh_common.settings",
    "ansinh_common.db",
    "ansinh_common.messaging",
    "ansinh_common.grpc",
    "ansinh_protos",
    "ansinh",
    "dossier.config",
    "dossier.adapters",
    "dossier.service_layer",
    "dossier.entrypoints",
    "dossier.bootstrap",
    "socket",
    "subprocess",
)


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_domain_imports_nothing_with_io() -> None:
    root = Path(dossier.domain.__file__).parent
    files = sorted(root.rglob("*.py"))
    assert len(files) > 15
    offending = {
        f"{path.relative_to(root)}: {name}"
        for path in files
        for name in imported_modules(path)
        if any(name == bad or name.startswith(bad + ".") for bad in FORBIDDEN)
    }
    assert offending == set()


def test_the_check_would_catch_an_offender(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("import sqlalchemy\nfrom grpc import aio\n", encoding="utf-8")
    assert imported_modules(bad) == {"sqlalchemy", "grpc"}
