"""Fixtures of the registry integration tests (real PostgreSQL / Kafka, see support.py)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from .support import Cluster, make_cluster


@pytest.fixture
def cluster(make_database: Callable[..., str]) -> Iterator[Cluster]:
    found = make_cluster(make_database)
    yield found
    found.router.dispose()
