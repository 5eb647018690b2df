"""Fixtures against the real servers: Keycloak, PostgreSQL, Redis and the population-database
simulator (a separate process, started here)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from ansinh_common.testing import Servers
from identity.adapters.keycloak_accounts import KeycloakAccounts
from identity.domain.model import NewAccount
from identity.testing import (
    TEST_PASSWORD,
    KeycloakUsers,
    PopulationSimulator,
    migrate,
    service_accounts,
)

MIGRATIONS = Path(__file__).resolve().parents[2] / "src" / "identity" / "migrations"
PASSWORD = TEST_PASSWORD


@pytest.fixture(scope="session")
def population_sim() -> Iterator[PopulationSimulator]:
    with PopulationSimulator() as sim:
        yield sim


@pytest.fixture
def identity_db(make_database: Callable[..., str]) -> str:
    """A fresh database migrated to head (what services/identity/migrate.sh does)."""
    return migrate(make_database("identity_test"))


@pytest.fixture(scope="session")
def kc_accounts(servers: Servers) -> KeycloakAccounts:
    return service_accounts(servers.keycloak_url)


@pytest.fixture
def users(servers: Servers) -> Iterator[KeycloakUsers]:
    """Keycloak users created directly (setup), deleted afterwards; password ``PASSWORD``."""
    made = KeycloakUsers(servers.keycloak_url)
    yield made
    made.cleanup()


@pytest.fixture
def make_user(users: KeycloakUsers) -> Callable[..., NewAccount]:
    return users.create


@pytest.fixture
def cleanup_usernames(users: KeycloakUsers) -> Iterator[list[str]]:
    """Usernames a test creates through the service; deleted afterwards."""
    names: list[str] = []
    yield names
    for name in names:
        users.forget_later(name)
