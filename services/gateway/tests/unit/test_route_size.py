"""Hand-written gateway code per RPC stays small: in every resource whose models are generated
from the protos (a ``rest.toml`` next to ``routes.py``), each route — decorator, signature,
Vietnamese docstring and body — is at most 25 non-blank lines."""

from __future__ import annotations

from pathlib import Path

import pytest

from gateway.entrypoints.http.proto_rest.codegen import HTTP_DIR

MAX_LINES = 25
ROUTES = sorted(p.with_name("routes.py") for p in HTTP_DIR.glob("*/rest.toml"))


def route_sizes(source: str) -> dict[str, int]:
    lines = source.split("\n")
    starts = [i for i, line in enumerate(lines) if line.startswith("@router.")]
    sizes = {}
    for start in starts:
        block: list[str] = []
        in_def = False
        for line in lines[start:]:
            top_level = bool(line) and (line[0].isalpha() or line[0] in "@_")
            if in_def and top_level:
                break  # the next route, helper or constant
            in_def = in_def or line.startswith("async def ")
            if line.strip() and not line.startswith("#"):
                block.append(line)
        name = next(x for x in block if x.startswith("async def ")).split("(")[0][10:]
        sizes[name] = len(block)
    return sizes


@pytest.mark.parametrize("routes", ROUTES, ids=lambda p: p.parent.name)
def test_each_route_is_at_most_25_lines(routes: Path) -> None:
    sizes = route_sizes(routes.read_text(encoding="utf-8"))
    assert sizes, f"{routes} has no routes"
    assert {n: s for n, s in sizes.items() if s > MAX_LINES} == {}


def test_the_count_sees_a_long_route() -> None:
    long = "@router.get('/x')\nasync def x() -> None:\n" + "    pass\n" * 30 + "def helper(): ..."
    assert route_sizes(long) == {"x": 32}
