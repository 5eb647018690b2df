"""``add_many_to_outbox``: the same rows as ``add_to_outbox``, in order, in the transaction."""

from datetime import UTC, datetime

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.orm import sessionmaker

from ansinh_common.db import session_scope
from ansinh_common.messaging import Envelope, OutboxRow, add_many_to_outbox, add_to_outbox
from ansinh_common.messaging.outbox import COPY_THRESHOLD

from .helpers import count

pytestmark = pytest.mark.integration

COLUMNS = (
    "event_id, topic, key, source, type, subject, province, time, datacontenttype, "
    "dataschema, payload, traceparent, tracestate"
)


def _envelope(n: int) -> Envelope:
    return Envelope(
        source="/ansinh/test", type="t.v1.X", subject=f"d-{n}", province="01",
        data=bytes([0, 92, n % 256, 255]) + b"\\N\t\n", dataschema=None if n % 2 else "s",
        time=datetime(2025, 10, 1, 7, n % 60, tzinfo=UTC),
    )  # fmt: skip


def _rows(engine: Engine) -> list[tuple[object, ...]]:
    with engine.connect() as conn:
        return [tuple(r) for r in conn.execute(text(f"SELECT {COLUMNS} FROM outbox ORDER BY id"))]


@pytest.mark.parametrize("n", [3, COPY_THRESHOLD + 7])
def test_many_rows_equal_single_inserts_in_order(producer_db: Engine, n: int) -> None:
    envelopes = [_envelope(i) for i in range(n)]
    with session_scope(sessionmaker(producer_db)) as session:
        for e in envelopes:
            add_to_outbox(session, "t.one", e.subject, e)
    single = _rows(producer_db)
    with session_scope(sessionmaker(producer_db)) as session:
        session.execute(text("DELETE FROM outbox"))
    with session_scope(sessionmaker(producer_db)) as session:
        written = add_many_to_outbox(session, (OutboxRow("t.one", e.subject, e) for e in envelopes))
    assert written == n
    assert _rows(producer_db) == single
    assert [r[2] for r in single] == [f"d-{i}" for i in range(n)]  # commit order kept


def test_many_rows_roll_back_with_the_transaction(producer_db: Engine) -> None:
    class RefusedError(Exception):
        pass

    rows = [OutboxRow("t.many", f"d-{i}", _envelope(i)) for i in range(COPY_THRESHOLD * 2)]
    with pytest.raises(RefusedError), session_scope(sessionmaker(producer_db)) as session:
        session.execute(text("INSERT INTO dossiers (id, status) VALUES ('d-1', 'submitted')"))
        add_many_to_outbox(session, rows)
        raise RefusedError
    assert count(producer_db, "SELECT count(*) FROM outbox") == 0
    assert count(producer_db, "SELECT count(*) FROM dossiers") == 0
    with session_scope(sessionmaker(producer_db)) as session:
        assert add_many_to_outbox(session, []) == 0
