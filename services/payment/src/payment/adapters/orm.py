"""Tables of the payment service (SQLAlchemy metadata, also the target of the migrations).

Only the transactional outbox and the inbox so far (ADR 0003); every sharded table added later
carries a ``province`` column.
"""

from __future__ import annotations

from sqlalchemy import MetaData

from ansinh_common.migrations import add_messaging_tables

metadata = MetaData()
messaging = add_messaging_tables(metadata)
