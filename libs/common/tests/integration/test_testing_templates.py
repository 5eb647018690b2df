"""Template databases of the test plugin (ADR 0032): a clone is what the migration writes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.pool import NullPool

from ansinh_common import testing
from ansinh_common.db.targets import DatabaseTarget
from ansinh_common.migrations import migrate_all
from ansinh_common.testing import Servers
from ansinh_common.testing_templates import TemplateCache

pytestmark = pytest.mark.integration

SAMPLE = Path(__file__).parent / "db" / "sample_migrations"


def _schema(url: str) -> tuple[set[str], list[str]]:
    engine = sa.create_engine(url, poolclass=NullPool)
    try:
        with engine.connect() as conn:
            tables = set(sa.inspect(conn).get_table_names())
            versions = list(
                conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalars()
            )
    finally:
        engine.dispose()
    return tables, versions


def test_upgrade_head_on_fresh_databases_clones_one_template(
    servers: Servers, make_database: Callable[..., str]
) -> None:
    cache = testing._templates
    assert cache is not None, "the plugin installs a template cache"
    before = cache.clones
    first, second = make_database("tpl_a"), make_database("tpl_b")
    ini = SAMPLE / "shards" / "alembic.ini"
    migrate_all(ini, [DatabaseTarget("s1", first), DatabaseTarget("s2", second)], "upgrade", "head")
    assert cache.clones == before + 2
    tables = {"alembic_version", "outbox", "inbox", "people"}
    assert _schema(first)[0] == _schema(second)[0] == tables
    assert _schema(first)[1] == _schema(second)[1] and len(_schema(first)[1]) == 1


def test_a_database_with_content_or_from_elsewhere_is_migrated_as_usual(
    servers: Servers, make_database: Callable[..., str]
) -> None:
    cache = TemplateCache(servers.pg_admin_url)
    cache.install()
    try:
        used = make_database("tpl_used")
        engine = sa.create_engine(used, poolclass=NullPool)
        with engine.begin() as conn:
            conn.execute(sa.text("CREATE TABLE mine (id int)"))
        engine.dispose()
        cache.own(used)
        foreign = make_database("tpl_foreign")  # not owned by this cache
        ini = SAMPLE / "shards" / "alembic.ini"
        migrate_all(ini, [DatabaseTarget("s1", used), DatabaseTarget("s2", foreign)],
                    "upgrade", "head")  # fmt: skip
        assert cache.clones == 0
        assert _schema(used)[0] == {"alembic_version", "outbox", "inbox", "people", "mine"}
        assert _schema(foreign)[0] == {"alembic_version", "outbox", "inbox", "people"}
    finally:
        cache.uninstall()
