"""Tables of the dossier service (also the target of its migrations)."""

from __future__ import annotations

from sqlalchemy import MetaData

from ansinh_common.migrations import add_messaging_tables

metadata = MetaData()
messaging = add_messaging_tables(metadata)
