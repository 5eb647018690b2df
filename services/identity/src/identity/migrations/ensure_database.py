"""Create the service's database if it does not exist yet (run by services/identity/migrate.sh)."""

from __future__ import annotations

import sys

import sqlalchemy as sa
from sqlalchemy.pool import NullPool

from ansinh_common.db import normalize_url


def ensure_database(url: str) -> bool:
    """Create the database named in ``url`` (connecting to ``postgres``); True if created."""
    target = sa.make_url(normalize_url(url))
    name = target.database
    if not name:
        raise ValueError("the URL names no database")
    admin = sa.create_engine(
        target.set(database="postgres"), isolation_level="AUTOCOMMIT", poolclass=NullPool
    )
    try:
        with admin.connect() as conn:
            exists = conn.execute(
                sa.text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": name}
            ).scalar()
            if exists:
                return False
            quoted = admin.dialect.identifier_preparer.quote(name)
            conn.execute(sa.text(f"CREATE DATABASE {quoted}"))
            return True
    finally:
        admin.dispose()


if __name__ == "__main__":
    created = ensure_database(sys.argv[1])
    name = sa.make_url(sys.argv[1]).database
    print(f"[identity] database {name}: {'created' if created else 'exists'}", flush=True)
