"""The audit repository on a migrated PostgreSQL database; the population-database client
against the simulator process."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from ansinh_common.catalogs.personal_id import Gender
from ansinh_common.db import create_session_factory, create_shard_engine
from identity.adapters.audit_repository import SqlAuditUnitOfWork
from identity.adapters.population_db import PopulationDbClient
from identity.domain.audit import Actor, AuditEntry, Outcome
from identity.domain.errors import PopulationDatabaseUnavailable
from identity.domain.model import AccountAction
from identity.testing import PopulationSimulator

pytestmark = pytest.mark.integration


def test_audit_entry_is_written_then_finished(identity_db: str) -> None:
    engine = create_shard_engine(identity_db)
    sessions = create_session_factory(engine)
    actor = Actor("sub-1", "huyen.badinh", "001", ("district_leader",), "203.0.113.7")
    entry = AuditEntry("6c0bb0a6-0f0e-4a39-9b0b-3e3d8d3b6c61", datetime(2026, 1, 5, tzinfo=UTC),
                       actor, AccountAction.CREATE, "xa.moi", "00004", "pre2025")  # fmt: skip
    with SqlAuditUnitOfWork(sessions) as uow:
        uow.audit.add(entry)
        uow.commit()
    entry.finish(Outcome.SUCCEEDED, datetime(2026, 1, 5, 0, 0, 1, tzinfo=UTC))
    entry.target_user_id = "kc-1"
    with SqlAuditUnitOfWork(sessions) as uow:
        uow.audit.add(entry)
        uow.commit()
    with SqlAuditUnitOfWork(sessions) as uow:
        stored = uow.audit.for_target("xa.moi")
        not_committed = AuditEntry("0b8a3c5e-0000-4000-8000-000000000001", entry.at, actor,
                                   AccountAction.DISABLE, "other", None, "pre2025")  # fmt: skip
        uow.audit.add(not_committed)  # rolled back: no commit
    assert len(stored) == 1
    got = stored[0]
    assert (got.outcome, got.target_user_id, got.actor) == (Outcome.SUCCEEDED, "kc-1", actor)
    with SqlAuditUnitOfWork(sessions) as uow:
        assert uow.audit.get(not_committed.id) is None
        assert [e.id for e in uow.audit.list_recent()] == [entry.id]
    engine.dispose()


def test_population_client(population_sim: PopulationSimulator) -> None:
    citizen = population_sim.sample(1)[0]
    client = PopulationDbClient(population_sim.url, api_key=population_sim.api_key)
    record = client.lookup(citizen["national_id"])
    assert record is not None
    assert record.full_name == citizen["full_name"]
    assert record.birth_date == date.fromisoformat(citizen["birth_date"])
    assert record.gender is Gender(citizen["gender"])
    demo = client.lookup("001090012345")  # the realm's demo citizen
    assert demo is not None and demo.full_name == "Nguyễn Văn An"
    assert client.lookup("099999999999") is None
    client.close()


def test_population_client_failures(population_sim: PopulationSimulator) -> None:
    wrong_key = PopulationDbClient(population_sim.url, api_key="wrong")
    with pytest.raises(PopulationDatabaseUnavailable):
        wrong_key.lookup("001090012345")
    slow = PopulationDbClient(population_sim.url, api_key=population_sim.api_key,
                              timeout_seconds=0.3)  # fmt: skip
    population_sim.set_latency(1.0)
    try:
        with pytest.raises(PopulationDatabaseUnavailable):
            slow.lookup("001090012345")
    finally:
        population_sim.set_latency(0)
    down = PopulationDbClient("http://127.0.0.1:9", timeout_seconds=0.5)
    with pytest.raises(PopulationDatabaseUnavailable):
        down.lookup("001090012345")
