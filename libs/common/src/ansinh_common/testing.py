"""pytest plugin for tests against the real servers started by ``infra/servers.sh up``.

Registered once in the repository's root ``conftest.py`` (``pytest_plugins = [...]``). Fixtures:

``servers``
    session-wide :class:`Servers` (endpoints); fails the test when the servers are unreachable.
``make_database``
    factory ``make_database(prefix="test") -> str``: a new empty PostgreSQL database, returned as
    a SQLAlchemy URL; dropped (``WITH (FORCE)``) when the test ends, in the background
    (:class:`BackgroundDrops`: the next test does not wait for the drop's checkpoint).
    Alembic ``upgrade head`` on it clones a template migrated once per session instead of
    migrating again (``ansinh_common.testing_templates``, ADR 0032);
    ``ANSINH_TEST_DB_TEMPLATES=0`` turns both off.
``make_topic``
    factory ``make_topic(partitions=3, prefix="test") -> str``: a new Kafka topic; deleted when
    the test ends.
``session_logs``
    every log record of the test session so far at INFO and above, as the services write them
    (JSON lines through ``ansinh_common.logging.json_handler``, personal data redacted): the
    test "no personal data in logs" reads it at the end of the e2e suite.
``signed_in``
    session-wide ``signed_in(template: Principal) -> Principal``: the principal of a real
    Keycloak user with the template's roles and attributes, with its real access token
    (services verify it, ADR 0011); the users are deleted when the session ends.

Endpoints can be overridden with ``ANSINH_TEST_PG_URL``, ``ANSINH_TEST_REDIS_URL``,
``ANSINH_TEST_KAFKA_BOOTSTRAP`` and ``ANSINH_TEST_KEYCLOAK_URL``. For databases or topics that
live longer than one test, build a fixture of the wanted scope on :func:`create_database` /
:func:`drop_database` and :func:`create_topic` / :func:`delete_topic`.
"""

from __future__ import annotations

import os
import re
import socket
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest
import sqlalchemy as sa
from confluent_kafka.admin import AdminClient, NewTopic
from sqlalchemy.pool import NullPool

from ansinh_common.testing_keycloak import KeycloakTestUsers
from ansinh_common.testing_templates import TemplateCache

NOT_RUNNING = "servers are not running: run infra/servers.sh up"

_templates: TemplateCache | None = None
"""The session's migrated templates (installed by :func:`pytest_configure`)."""


class BackgroundDrops:
    """``DROP DATABASE`` off the test's clock (ADR 0032): PostgreSQL 15 takes an immediate
    checkpoint for every dropped database, seconds on a busy server, so the databases a test
    made are dropped by two background threads (concurrent drops share checkpoints) while the
    next tests run; :meth:`wait` (session end) waits for every drop."""

    def __init__(self, admin_url: str) -> None:
        from concurrent.futures import ThreadPoolExecutor

        self.admin_url = admin_url
        self._pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="drop-db")

    def submit(self, url: str) -> None:
        self._pool.submit(drop_database, self.admin_url, url)

    def wait(self) -> None:
        self._pool.shutdown(wait=True)


_drops: BackgroundDrops | None = None


@dataclass(frozen=True)
class Servers:
    """Endpoints of the local servers (ports of ADR 0001)."""

    pg_admin_url: str
    redis_url: str
    kafka_bootstrap: str
    keycloak_url: str

    @classmethod
    def from_env(cls) -> Servers:
        env = os.environ.get
        return cls(
            pg_admin_url=env(
                "ANSINH_TEST_PG_URL", "postgresql+psycopg://ansinh:ansinh@127.0.0.1:55432/postgres"
            ),
            redis_url=env("ANSINH_TEST_REDIS_URL", "redis://127.0.0.1:56379/0"),
            kafka_bootstrap=env("ANSINH_TEST_KAFKA_BOOTSTRAP", "127.0.0.1:59092"),
            keycloak_url=env("ANSINH_TEST_KEYCLOAK_URL", "http://127.0.0.1:58080"),
        )

    def endpoints(self) -> dict[str, tuple[str, int]]:
        """(host, port) of every server, for a reachability check."""
        pg = sa.make_url(self.pg_admin_url)
        redis, keycloak = urlsplit(self.redis_url), urlsplit(self.keycloak_url)
        kafka_host, _, kafka_port = self.kafka_bootstrap.split(",")[0].rpartition(":")
        return {
            "postgres": (pg.host or "127.0.0.1", pg.port or 5432),
            "redis": (redis.hostname or "127.0.0.1", redis.port or 6379),
            "kafka": (kafka_host, int(kafka_port)),
            "keycloak": (keycloak.hostname or "127.0.0.1", keycloak.port or 80),
        }


def _reachable(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=2):
            return True
    except OSError:
        return False


def _unique(prefix: str, sep: str) -> str:
    clean = re.sub(r"[^a-z0-9_]", "_", prefix.lower())[:40]
    return f"{clean}{sep}{uuid.uuid4().hex[:12]}"


def create_database(admin_url: str, prefix: str = "test") -> str:
    """Create an empty, uniquely named database; return its SQLAlchemy URL."""
    name = _unique(prefix, "_")
    engine = sa.create_engine(admin_url, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    try:
        with engine.connect() as conn:
            conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    finally:
        engine.dispose()
    url = sa.make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    if _templates is not None:
        _templates.own(url)
    return url


def drop_database(admin_url: str, url: str) -> None:
    """Drop the database behind ``url``, closing its remaining connections."""
    name = sa.make_url(url).database
    engine = sa.create_engine(admin_url, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    try:
        with engine.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        engine.dispose()


def _admin(bootstrap: str) -> AdminClient:
    return AdminClient({"bootstrap.servers": bootstrap, "log_level": 3})


def create_topic(bootstrap: str, partitions: int = 3, prefix: str = "test") -> str:
    """Create a uniquely named topic and wait until every partition has a leader."""
    name = _unique(prefix, ".")
    admin = _admin(bootstrap)
    futures = admin.create_topics([NewTopic(name, num_partitions=partitions, replication_factor=1)])
    futures[name].result(timeout=30)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        topic = admin.list_topics(topic=name, timeout=5).topics.get(name)
        ready = topic is not None and topic.error is None and len(topic.partitions) == partitions
        if ready and all(p.leader >= 0 for p in topic.partitions.values()):
            return name
        time.sleep(0.2)
    raise TimeoutError(f"topic {name} has no leaders after 30 s")


def delete_topic(bootstrap: str, name: str) -> None:
    admin = _admin(bootstrap)  # keep a reference: the futures fail once the client is collected
    futures = admin.delete_topics([name], operation_timeout=30)
    futures[name].result(timeout=30)


@pytest.fixture(scope="session")
def servers() -> Servers:
    found = Servers.from_env()
    down = [name for name, addr in found.endpoints().items() if not _reachable(*addr)]
    if down:
        pytest.fail(f"{NOT_RUNNING} (unreachable: {', '.join(down)})", pytrace=False)
    return found


@pytest.fixture
def make_database(servers: Servers) -> Iterator[Callable[..., str]]:
    created: list[str] = []

    def make(prefix: str = "test") -> str:
        url = create_database(servers.pg_admin_url, prefix)
        created.append(url)
        return url

    yield make
    for url in reversed(created):
        if _drops is not None and _drops.admin_url == servers.pg_admin_url:
            _drops.submit(url)
        else:
            drop_database(servers.pg_admin_url, url)


@pytest.fixture
def make_topic(servers: Servers) -> Iterator[Callable[..., str]]:
    created: list[str] = []

    def make(partitions: int = 3, prefix: str = "test") -> str:
        name = create_topic(servers.kafka_bootstrap, partitions, prefix)
        created.append(name)
        return name

    yield make
    for name in created:
        delete_topic(servers.kafka_bootstrap, name)


_SESSION_LOG_KEY = pytest.StashKey[str]()


def _session_log_path(config: pytest.Config) -> str:
    """This process's log file. Under pytest-xdist every worker writes its own file in one
    folder per test run (``testrunuid``), and ``session_logs`` reads them all."""
    import tempfile

    workerinput = getattr(config, "workerinput", None)
    if workerinput is not None:
        folder = os.path.join(
            tempfile.gettempdir(), f"ansinh-test-logs-{workerinput['testrunuid']}"
        )
        os.makedirs(folder, exist_ok=True)
        return os.path.join(folder, f"{workerinput['workerid']}.jsonl")
    folder = tempfile.mkdtemp(prefix="ansinh-test-logs-")
    return os.path.join(folder, "main.jsonl")


def pytest_configure(config: pytest.Config) -> None:
    """Write every record of the session, as production would, to a file (``session_logs``)."""
    import logging

    from ansinh_common.logging import json_handler

    path = _session_log_path(config)
    stream = open(path, "a", encoding="utf-8")  # noqa: SIM115 - lives as long as the session
    handler = json_handler("pytest", stream)
    handler.setLevel(logging.INFO)
    root = logging.getLogger()
    root.addHandler(handler)
    if root.level > logging.INFO or root.level == logging.NOTSET:
        root.setLevel(logging.INFO)
    config.stash[_SESSION_LOG_KEY] = path

    global _templates, _drops
    if os.environ.get("ANSINH_TEST_DB_TEMPLATES", "1") != "0":
        admin_url = Servers.from_env().pg_admin_url
        _drops = BackgroundDrops(admin_url)
        _templates = TemplateCache(admin_url, discard=_drops.submit)
        _templates.install()


def pytest_unconfigure(config: pytest.Config) -> None:
    global _templates, _drops
    if _drops is not None:
        _drops.wait()
        _drops = None
    if _templates is not None:
        _templates.uninstall()
        _templates = None


@pytest.fixture
def session_logs(request: pytest.FixtureRequest) -> Callable[[], str]:
    """``session_logs()``: the session's log lines so far (JSON, one record per line), of
    every pytest-xdist worker when the run is distributed."""
    import logging

    path = request.config.stash[_SESSION_LOG_KEY]

    def read() -> str:
        for handler in logging.getLogger().handlers:
            handler.flush()
        folder = os.path.dirname(path)
        texts = []
        for name in sorted(os.listdir(folder)):
            if name.endswith(".jsonl"):
                with open(os.path.join(folder, name), encoding="utf-8") as f:
                    texts.append(f.read())
        return "".join(texts)

    return read


@pytest.fixture(scope="session")
def signed_in(servers: Servers) -> Iterator[KeycloakTestUsers]:
    users = KeycloakTestUsers(servers.keycloak_url)
    yield users
    users.cleanup()
