"""Writes for a province land in its shard only; a province can move to its own shard."""

from collections.abc import Callable, Iterator

import pytest
from sqlalchemy import Column, MetaData, Table, Text, create_engine, func, insert, select

from ansinh_common.db import ProvinceMoveError, ShardRouter, move_province, purge_province
from ansinh_common.messaging import Envelope, add_messaging_tables, record_in_inbox

pytestmark = pytest.mark.integration

METADATA = MetaData()
PEOPLE = Table(
    "people",
    METADATA,
    Column("id", Text, primary_key=True),
    Column("province", Text, nullable=False),
    Column("name", Text, nullable=False),
)
TABLES = add_messaging_tables(METADATA)


def create_schema(url: str) -> None:
    engine = create_engine(url)
    METADATA.create_all(engine)
    engine.dispose()


@pytest.fixture
def router(make_database: Callable[[], str]) -> Iterator[ShardRouter]:
    urls = {"s1": make_database(), "s2": make_database()}
    for url in urls.values():
        create_schema(url)
    router = ShardRouter({"01": "s1", "79": "s2", "48": "s2"}, urls)
    yield router
    router.dispose()


def people_in(router: ShardRouter, shard: str) -> list[tuple[str, str]]:
    with router.shard_session(shard) as session:
        rows = session.execute(select(PEOPLE.c.id, PEOPLE.c.province).order_by(PEOPLE.c.id))
        return [(row[0], row[1]) for row in rows]


def add_person(router: ShardRouter, person_id: str, province: str) -> None:
    with router.session(province) as session:
        session.execute(insert(PEOPLE).values(id=person_id, province=province, name="Nguyễn An"))


def test_a_write_for_a_province_lands_only_in_its_shard(router: ShardRouter) -> None:
    add_person(router, "p-hn", "01")
    add_person(router, "p-hcm", "79")
    assert people_in(router, "s1") == [("p-hn", "01")]
    assert people_in(router, "s2") == [("p-hcm", "79")]


def test_a_failed_transaction_writes_nothing(router: ShardRouter) -> None:
    with pytest.raises(RuntimeError), router.session("01") as session:
        session.execute(insert(PEOPLE).values(id="p-1", province="01", name="x"))
        raise RuntimeError("refused")
    assert people_in(router, "s1") == []


def test_moving_a_province_to_its_own_shard(
    router: ShardRouter, make_database: Callable[[], str]
) -> None:
    for i in range(3):
        add_person(router, f"p-hcm-{i}", "79")
    add_person(router, "p-dn", "48")
    with router.session("79") as session:
        envelope = Envelope(source="/t", type="t.v1.X", subject="p", province="79", data=b"")
        record_in_inbox(session, "payment", envelope, "topic", 0, 7)
    new_url = make_database()
    create_schema(new_url)

    moved = move_province(router, "s79", "79", [PEOPLE], new_url=new_url)
    try:
        assert moved.shard_for("79") == "s79"
        assert moved.shard_for("48") == "s2"
        assert [p for p, _ in people_in(moved, "s79")] == ["p-hcm-0", "p-hcm-1", "p-hcm-2"]
        with moved.shard_session("s79") as session:
            inbox = session.execute(select(TABLES.inbox.c.event_id)).scalars().all()
        assert inbox == [envelope.id]
        with pytest.raises(ProvinceMoveError, match="already has rows"):
            move_province(router, "s79", "79", [PEOPLE], new_url=new_url)

        purge_province(moved, "s2", "79", [PEOPLE])
        assert people_in(moved, "s2") == [("p-dn", "48")]
        with moved.shard_session("s2") as session:
            count = select(func.count()).select_from(TABLES.inbox)
            assert session.execute(count).scalar_one() == 0
    finally:
        moved.dispose()


def test_purge_refuses_the_shard_a_province_is_routed_to(router: ShardRouter) -> None:
    with pytest.raises(ProvinceMoveError, match="still routed"):
        purge_province(router, "s2", "79", [PEOPLE])
