"""Factories for SQLAlchemy engines and session factories (never built at import time)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, create_engine
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

_PLAIN_SCHEMES = ("postgresql", "postgres")


def normalize_url(url: str) -> str:
    """Return ``url`` with the psycopg 3 driver selected for plain PostgreSQL URLs."""
    parsed = make_url(url)
    if parsed.drivername in _PLAIN_SCHEMES:
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)


def create_shard_engine(
    url: str,
    *,
    application_name: str | None = None,
    pool_size: int = 5,
    max_overflow: int = 5,
    **kwargs: Any,
) -> Engine:
    """Create an engine for one shard (or the global database)."""
    connect_args: dict[str, Any] = dict(kwargs.pop("connect_args", {}))
    if application_name is not None:
        connect_args.setdefault("application_name", application_name)
    return create_engine(
        normalize_url(url),
        pool_size=pool_size,
        max_overflow=max_overflow,
        pool_pre_ping=True,
        connect_args=connect_args,
        **kwargs,
    )


def create_session_factory(engine: Engine) -> sessionmaker[Session]:
    """Create the session factory bound to one engine."""
    return sessionmaker(bind=engine, expire_on_commit=False)
