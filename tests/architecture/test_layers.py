"""The architecture of the repo as ADR 0013 writes it: one service shape, domains without I/O
(also through the shared library), service layers without adapters or entry points."""

from __future__ import annotations

import pytest

from .checks import (
    KNOWN_DOMAIN_IO,
    KNOWN_EXCEPTIONS,
    KNOWN_IMPORTS,
    REPO,
    SERVICES,
    domain_io_modules,
    lint_imports,
    package_dir,
    render_contracts,
    service_names,
    shape_problems,
)


def test_the_contracts_file_is_the_rendering_of_the_services() -> None:
    rendered = render_contracts(service_names(), KNOWN_IMPORTS)
    assert (REPO / ".importlinter").read_text(encoding="utf-8") == rendered, (
        "regenerate .importlinter: python -c 'from tests.architecture.checks import *; "
        'print(render_contracts(service_names(), KNOWN_IMPORTS), end="")\' > .importlinter'
    )


def test_import_contracts_are_kept() -> None:
    run = lint_imports(REPO / ".importlinter")
    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-2000:]
    assert "broken" not in run.stdout.split("Contracts:")[-1].replace("0 broken", "")


def test_every_service_has_the_shape() -> None:
    problems = [
        p
        for name in service_names()
        for p in shape_problems(SERVICES / name, KNOWN_EXCEPTIONS.get(name, {}))
    ]
    assert problems == []


def test_known_exceptions_are_still_there() -> None:
    """An exception whose module is gone must leave the list (the list only shrinks)."""
    stale = [
        f"{name}/{module}"
        for name, modules in KNOWN_EXCEPTIONS.items()
        for module in modules
        if not (package_dir(SERVICES / name) / module).exists()
    ]
    assert stale == []


@pytest.mark.parametrize("service", service_names())
def test_the_domain_loads_no_io(service: str) -> None:
    """Importing every module of ``<svc>.domain`` in a fresh interpreter loads no I/O library,
    no I/O part of the shared library and no settings (the known exceptions exactly)."""
    assert domain_io_modules(service) == sorted(KNOWN_DOMAIN_IO.get(service, {}))
