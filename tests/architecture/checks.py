"""The architecture rules of ADR 0013 as functions, shared by the tests of the repo and the
tests that show each rule fails on a deliberate violation.

* :func:`shape_problems`: a service has the one shape (files and folders, ``bootstrap``'s
  signature, ``LEGAL_BASIS`` in every rule module);
* :func:`domain_io_modules`: the I/O libraries a service's ``domain`` loads when imported, in a
  fresh interpreter (so also through the shared library and package ``__init__`` files);
* :func:`render_contracts` / :func:`lint_imports`: the import-linter contracts (``.importlinter``
  is their rendering for the services under ``services/``) and a run of ``lint-imports``.
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
import textwrap
from collections.abc import Iterable, Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SERVICES = REPO / "services"

HTTP_SERVICES = frozenset({"gateway"})
"""Services whose entry point is HTTP (``entrypoints/http``) instead of ``grpc_server``."""

# Third-party packages that do I/O (or read settings); a domain may load none of them.
IO_PACKAGES = (
    "alembic",
    "confluent_kafka",
    "fastapi",
    "grpc",
    "grpc_health",
    "httpx",
    "keycloak",
    "openpyxl",
    "prometheus_client",
    "psycopg",
    "pydantic_settings",
    "redis",
    "sqlalchemy",
    "starlette",
)
# Parts of the shared library that do I/O or read settings.
IO_SHARED = (
    "ansinh_common.db",
    "ansinh_common.grpc",
    "ansinh_common.messaging",
    "ansinh_common.migrations",
    "ansinh_common.runtime",
    "ansinh_common.settings",
    "ansinh_common.telemetry",
    "ansinh_common.testing",
)

GRPC_SHAPE = (
    "config.py",
    "bootstrap.py",
    "__main__.py",
    "domain/__init__.py",
    "domain/model.py",
    "domain/commands.py",
    "domain/events.py",
    "domain/errors.py",
    "domain/rules/__init__.py",
    "service_layer/__init__.py",
    "service_layer/ports.py",
    "service_layer/unit_of_work.py",
    "service_layer/handlers/__init__.py",
    "service_layer/queries.py",
    "adapters/__init__.py",
    "entrypoints/__init__.py",
    "entrypoints/grpc_server.py",
    "migrations/__init__.py",
)
HTTP_SHAPE = (
    "config.py",
    "bootstrap.py",
    "domain/__init__.py",
    "domain/model.py",
    "domain/errors.py",
    "domain/rules/__init__.py",
    "service_layer/__init__.py",
    "adapters/__init__.py",
    "entrypoints/__init__.py",
    "entrypoints/http/__init__.py",
)
TOP_LEVEL = frozenset(
    {"__init__.py", "__main__.py", "py.typed", "config.py", "bootstrap.py", "testing.py"}
    | {"domain", "service_layer", "adapters", "entrypoints", "migrations", "__pycache__"}
)
"""What may stand in ``src/<svc>/`` (``testing.py``: helpers other services' tests use)."""

KNOWN_EXCEPTIONS: dict[str, dict[str, str]] = {
    "registry": {
        "excel": "the Excel cycle (reader, staging, importer, export) predates the shape; it is "
        "being reworked under issue 7 and then splits into service_layer and adapters",
    },
    "gateway": {"app.py": "the FastAPI application factory (entrypoints/http is being rebuilt)"},
}
"""Extra top-level modules a service may have for now, each with its reason (none for new
services; a listed module that is gone fails the test, so the list only shrinks)."""

KNOWN_DOMAIN_IO: dict[str, dict[str, str]] = {}
"""I/O packages a domain still loads, each with its reason; stale entries fail the test."""

KNOWN_IMPORTS: dict[str, tuple[str, ...]] = {}
"""The same, as imports the contracts let through (``ignore_imports``), until the move."""


def service_names(root: Path = SERVICES) -> list[str]:
    return sorted(p.name for p in root.iterdir() if (p / "src" / p.name / "__init__.py").exists())


def package_dir(service_dir: Path) -> Path:
    return service_dir / "src" / service_dir.name


def shape_problems(service_dir: Path, exceptions: Iterable[str] = ()) -> list[str]:
    """What ``service_dir`` (``services/<svc>``) lacks or has beyond the one shape."""
    name = service_dir.name
    pkg = package_dir(service_dir)
    problems: list[str] = []
    shape = HTTP_SHAPE if name in HTTP_SERVICES else GRPC_SHAPE
    problems += [f"{name}: missing {part}" for part in shape if not (pkg / part).exists()]
    for folder in ("tests/unit", "tests/integration"):
        if not (service_dir / folder).is_dir():
            problems.append(f"{name}: missing {folder}/")
    allowed = TOP_LEVEL | set(exceptions)
    problems += [
        f"{name}: {child.name} is outside the shape (domain, service_layer, adapters, "
        "entrypoints, migrations, config.py, bootstrap.py)"
        for child in sorted(pkg.iterdir())
        if child.name not in allowed
    ]
    problems += _bootstrap_problems(name, pkg / "bootstrap.py")
    rules = pkg / "domain" / "rules"
    for module in sorted(rules.glob("*.py")) if rules.is_dir() else ():
        if module.name != "__init__.py" and "LEGAL_BASIS" not in _assigned_names(module):
            problems.append(f"{name}: domain/rules/{module.name} has no LEGAL_BASIS")
    return problems


def _bootstrap_problems(name: str, path: Path) -> list[str]:
    if not path.exists():
        return []
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = [n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == "bootstrap"]
    if not found:
        return [f"{name}: bootstrap.py defines no bootstrap()"]
    args = found[0].args
    positional = [a.arg for a in args.posonlyargs + args.args]
    if positional != ["settings"]:
        return [
            f"{name}: bootstrap() must take `settings` and then keyword-only overrides, "
            f"not {positional}"
        ]
    return []


def _assigned_names(module: Path) -> set[str]:
    tree = ast.parse(module.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.Assign):
            names |= {t.id for t in node.targets if isinstance(t, ast.Name)}
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
    return names


_PROBE = textwrap.dedent(
    """
    import importlib, pkgutil, sys
    package = sys.argv[1]
    domain = importlib.import_module(package + ".domain")
    for info in pkgutil.walk_packages(domain.__path__, package + ".domain."):
        importlib.import_module(info.name)
    watched = sys.argv[2:]
    print("\\n".join(sorted(w for w in watched if w in sys.modules)))
    """
)


def domain_io_modules(package: str, extra_path: Sequence[Path] = ()) -> list[str]:
    """The watched modules loaded by importing every module of ``<package>.domain`` in a fresh
    interpreter: the I/O packages, the I/O parts of the shared library, the service's config."""
    watched = [*IO_PACKAGES, *IO_SHARED, f"{package}.config"]
    env = dict(os.environ)
    if extra_path:
        env["PYTHONPATH"] = os.pathsep.join([*map(str, extra_path), env.get("PYTHONPATH", "")])
    out = subprocess.run(
        [sys.executable, "-c", _PROBE, package, *watched],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    if out.returncode != 0:
        raise AssertionError(f"importing {package}.domain failed:\n{out.stderr[-3000:]}")
    return out.stdout.split()


def render_contracts(services: Sequence[str], ignores: dict[str, Sequence[str]]) -> str:
    """The import-linter configuration for ``services``: per service, its domain imports no
    I/O (directly or through any chain, the shared library included) and its service layer no
    adapters, entry points, wiring or I/O library (its ports are protocols the adapters
    implement). ``ignores``: per service, imports still let through."""
    header = f"""\
# Generated by tests/architecture (render_contracts); `make lint` runs `lint-imports`, and
# tests/architecture/test_layers.py fails when this file differs from its rendering.
# Rules: docs/adr/0013-service-shape.md.
[importlinter]
root_packages =
    ansinh_common
{_lines(services)}
include_external_packages = True
"""
    parts = [header]
    for name in services:
        forbidden = [*IO_PACKAGES, *IO_SHARED]
        forbidden += [f"{name}.{layer}" for layer in ("config", "bootstrap", "adapters")]
        forbidden += [f"{name}.{layer}" for layer in ("entrypoints", "service_layer")]
        domain = f"""
[importlinter:contract:{name}-domain-no-io]
name = {name}: domain/ imports no I/O, settings, adapters or entry points
type = forbidden
source_modules =
    {name}.domain
forbidden_modules =
{_lines(forbidden)}
"""
        if ignores.get(name):
            domain += f"ignore_imports =\n{_lines(ignores[name])}\n"
        layer = f"""
[importlinter:contract:{name}-service-layer]
name = {name}: service_layer/ imports no adapters, entry points, wiring or I/O library
type = forbidden
source_modules =
    {name}.service_layer
forbidden_modules =
    {name}.adapters
    {name}.entrypoints
    {name}.bootstrap
{_lines(IO_PACKAGES)}
"""
        parts += [domain, layer]
    return "".join(parts)


def _lines(values: Iterable[str]) -> str:
    return "\n".join(f"    {v}" for v in values)


def lint_imports(config: Path, extra_path: Sequence[Path] = ()) -> subprocess.CompletedProcess[str]:
    """``lint-imports --config <config>`` with ``extra_path`` importable (wide lines: its report
    is not wrapped)."""
    env = {**os.environ, "COLUMNS": "250"}
    if extra_path:
        env["PYTHONPATH"] = os.pathsep.join([*map(str, extra_path), env.get("PYTHONPATH", "")])
    command = [str(Path(sys.executable).parent / "lint-imports"), "--config", str(config)]
    return subprocess.run(
        [*command, "--no-cache"], capture_output=True, text=True, env=env, check=False
    )
