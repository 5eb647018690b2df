"""Migrated template databases for tests: ``upgrade head`` once per schema, then clone (ADR 0032).

Tests make fresh databases with ``make_database`` (or :func:`ansinh_common.testing.create_database`)
and migrate them with the service's Alembic scripts (``migrate_all``, ``migrate_service``,
``migrate_fresh_databases``). Running every migration for every test costs about half a second
per database, several databases per test. :class:`TemplateCache`, installed by the pytest plugin
``ansinh_common.testing`` for the whole session, intercepts Alembic ``upgrade head`` on a database
that

* was created by this session's ``create_database`` on the session's PostgreSQL server, and
* is still empty (no relation, schema, type, function or extension of its own),

and instead of migrating it, drops it and recreates it under the same name with
``CREATE DATABASE <name> TEMPLATE <template>``. The template is built once per session (and
per pytest-xdist worker) by the real ``upgrade head`` into a database of its own, keyed by a
SHA-256 of the migration scripts (every file of the Alembic script directory and the ini file)
and the target's name (a migration may branch on shard or global). The result is the same
schema and the same rows as the migration writes, ``alembic_version`` included; anything else
(other revisions, downgrades, a database with content, a private server of a fault test) runs
Alembic as before. Templates refuse connections (``ALLOW_CONNECTIONS false``) so that cloning
never finds a session on them, and are dropped when the session ends.
"""

from __future__ import annotations

import hashlib
import logging
import os
import threading
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import NullPool

from ansinh_common.db.engine import normalize_url
from ansinh_common.db.targets import DatabaseTarget
from ansinh_common.migrations import runner
from ansinh_common.migrations.env import current_target

log = logging.getLogger(__name__)

TEMPLATE_PREFIX = "ansinh_tpl_"

_OWN_OBJECTS = sa.text(
    """
    SELECT (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
               AND n.nspname NOT LIKE 'pg_toast%')
         + (SELECT count(*) FROM pg_namespace
             WHERE nspname NOT IN ('public', 'pg_catalog', 'information_schema')
               AND nspname NOT LIKE 'pg_toast%' AND nspname NOT LIKE 'pg_temp%')
         + (SELECT count(*) FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
             WHERE n.nspname = 'public')
         + (SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
             WHERE n.nspname = 'public')
         + (SELECT count(*) FROM pg_extension WHERE extname <> 'plpgsql')
    """
)


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def migration_hash(config: Config) -> str:
    """SHA-256 of the Alembic script directory (every file, by relative path) and the ini."""
    digest = hashlib.sha256()
    script = ScriptDirectory.from_config(config)
    roots = [Path(script.dir), *(Path(p) for p in script._version_locations)]
    seen: set[Path] = set()
    for root in roots:
        for path in sorted(root.rglob("*")):
            resolved = path.resolve()
            if resolved in seen or not path.is_file() or "__pycache__" in path.parts:
                continue
            seen.add(resolved)
            digest.update(str(path.relative_to(root)).encode())
            digest.update(path.read_bytes())
    if config.config_file_name:
        digest.update(Path(config.config_file_name).read_bytes())
    return digest.hexdigest()


class TemplateCache:
    """Clones of migrated templates in place of ``upgrade head`` on this session's empty
    test databases on the server of ``admin_url``."""

    def __init__(self, admin_url: str, discard: Callable[[str], None] | None = None) -> None:
        """``discard(url)`` drops a replaced empty database (default: at once)."""
        self.admin_url = admin_url
        self._discard = discard or self._drop
        server = sa.make_url(admin_url)
        self._server = (server.host, server.port)
        self._owned: set[str] = set()
        self._templates: dict[tuple[str, str], str] = {}
        self._lock = threading.Lock()
        self._session = uuid.uuid4().hex[:8]
        self._original: Callable[..., Any] | None = None
        self.clones = 0

    # --- installation -------------------------------------------------------------------

    def install(self) -> None:
        """Route ``migrate_all``'s ``upgrade`` through :meth:`upgrade`."""
        if self._original is None:
            self._original = runner.COMMANDS["upgrade"]
            runner.COMMANDS["upgrade"] = self.upgrade

    def uninstall(self) -> None:
        """Restore Alembic's ``upgrade`` and drop every template of this session."""
        if self._original is not None:
            runner.COMMANDS["upgrade"] = self._original
            self._original = None
        for name in list(self._templates.values()):
            try:
                self._admin(f"ALTER DATABASE {_quote(name)} WITH IS_TEMPLATE false")
                self._admin(f"DROP DATABASE IF EXISTS {_quote(name)} WITH (FORCE)")
            except DBAPIError:
                log.warning("could not drop template database %s", name)
        self._templates.clear()

    def own(self, url: str) -> None:
        """``url`` was created by this session (only such databases are ever replaced)."""
        parsed = sa.make_url(url)
        if (parsed.host, parsed.port) == self._server and parsed.database:
            with self._lock:
                self._owned.add(parsed.database)

    # --- the upgrade --------------------------------------------------------------------

    def upgrade(self, config: Config, revision: str = "head", *args: Any, **kwargs: Any) -> None:
        original = self._original or runner.COMMANDS["upgrade"]
        target = current_target(config)
        name = sa.make_url(target.url).database if target is not None else None
        with self._lock:
            owned = name is not None and name in self._owned
        if target is None or name is None or revision != "head" or args or kwargs or not owned:
            original(config, revision, *args, **kwargs)
            return
        if not self._is_empty(target.url):
            original(config, revision, *args, **kwargs)
            return
        template = self._template_for(config, target, original)
        if not self._replace(name, template):
            original(config, revision, *args, **kwargs)

    def _template_for(
        self, config: Config, target: DatabaseTarget, original: Callable[..., Any]
    ) -> str:
        key = (migration_hash(config), target.name)
        with self._lock:
            found = self._templates.get(key)
            if found is not None:
                return found
            worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
            name = f"{TEMPLATE_PREFIX}{key[0][:12]}_{target.name}_{worker}_{self._session}"[:63]
            self._admin(f"CREATE DATABASE {_quote(name)}")
            url = sa.make_url(self.admin_url).set(database=name).render_as_string(False)
            ini = config.config_file_name
            if ini is None:  # pragma: no cover - migrate_all always passes an ini file
                raise RuntimeError("an Alembic config without an ini file")
            original(runner.alembic_config(ini, DatabaseTarget(target.name, url)), "head")
            self._admin(f"ALTER DATABASE {_quote(name)} WITH IS_TEMPLATE true")
            self._admin(f"ALTER DATABASE {_quote(name)} WITH ALLOW_CONNECTIONS false")
            self._templates[key] = name
            log.info("template database %s built for %s", name, target.name)
            return name

    def _replace(self, name: str, template: str) -> bool:
        """Rename the empty ``name`` away (to be discarded) and clone ``template`` under that
        name; False when someone still holds a connection to it (then it is migrated as
        usual). Renaming and cloning (``WAL_LOG``) take no checkpoint; ``DROP DATABASE``
        does, so the discarded database is dropped by ``discard`` (in the background under
        the plugin)."""
        emptied = f"{name[:56]}_e"
        try:
            self._admin(f"ALTER DATABASE {_quote(name)} RENAME TO {_quote(emptied)}")
        except DBAPIError:
            return False
        self._admin(f"CREATE DATABASE {_quote(name)} TEMPLATE {_quote(template)}")
        self._discard(sa.make_url(self.admin_url).set(database=emptied).render_as_string(False))
        self.clones += 1
        return True

    # --- internals ----------------------------------------------------------------------

    def _is_empty(self, url: str) -> bool:
        engine = sa.create_engine(normalize_url(url), poolclass=NullPool)
        try:
            with engine.connect() as conn:
                return int(conn.execute(_OWN_OBJECTS).scalar_one()) == 0
        finally:
            engine.dispose()

    def _drop(self, url: str) -> None:
        name = sa.make_url(url).database or ""
        self._admin(f"DROP DATABASE IF EXISTS {_quote(name)} WITH (FORCE)")

    def _admin(self, sql: str) -> None:
        engine = sa.create_engine(self.admin_url, isolation_level="AUTOCOMMIT", poolclass=NullPool)
        try:
            with engine.connect() as conn:
                conn.execute(sa.text(sql))
        finally:
            engine.dispose()
