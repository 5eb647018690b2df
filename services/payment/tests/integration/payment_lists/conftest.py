"""Fixtures of the payment integration tests: migrated scratch shards on the real PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from payment.testing import PaymentCluster, make_payment_cluster


@pytest.fixture
def payment_cluster(make_database: Callable[[str], str]) -> Iterator[PaymentCluster]:
    found = make_payment_cluster(make_database)
    yield found
    found.router.dispose()
