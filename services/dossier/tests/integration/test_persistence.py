"""Dossiers on real PostgreSQL: submit, act, read back; the outbox holds one
DossierStatusChanged per transition; dossier codes are unique under concurrent submissions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import pytest
import sqlalchemy as sa

from ansinh.dossier.v1 import events_pb2
from dossier.domain.commands import ReceiveDossier, SubmitDossier
from dossier.domain.stages import Stage
from dossier.service_layer.handlers.submission import (
    ReceiveFromProvince,
    receive_from_province,
    submit_dossier,
)
from dossier.service_layer.handlers.workflow import act

from .dossier_cluster import COMMUNE, citizen, fixed, lan_values, person, wired

pytestmark = pytest.mark.integration
DAY = dt.date(2025, 9, 8)  # a Monday, two-level model


def _submit(values: dict[str, object] | None = None) -> SubmitDossier:
    return SubmitDossier(
        dossier_id="",
        procedure_id="tro-cap-xa-hoi-hang-thang",
        purpose_id="grant_allowance",
        form_id="1b",
        values=values or lan_values(),
    )


def _outbox(service: object, province: str = "01") -> list[tuple[str, bytes]]:
    router = service.router  # type: ignore[attr-defined]
    with router.engine(router.shard_for(province)).connect() as conn:
        rows = conn.execute(sa.text("SELECT type, payload AS data FROM outbox ORDER BY id")).all()
    return [(r.type, bytes(r.data)) for r in rows]


def test_submit_and_receive_are_stored_with_their_events(
    make_database: Callable[[str], str],
) -> None:
    service = wired(make_database, clock=fixed(DAY))
    deps = service.deps
    dossier = submit_dossier(_submit(), citizen(), deps)
    assert dossier.id.startswith("01-")
    assert str(dossier.code) == f"X{COMMUNE}.H01-250908-0001"
    officer = person("xa-mot-cua", "commune_officer", unit=COMMUNE)
    received = act(ReceiveDossier(dossier_id=dossier.id), officer, deps)
    assert received.stage is Stage.IN_APPRAISAL  # two-level: the commune appraises at once

    with deps.uow("01") as uow:
        again = uow.dossiers.get(dossier.id)
        assert again is not None
        assert again.stage is Stage.IN_APPRAISAL
        assert again.version == 2
        assert again.due_on(DAY) == received.due_on(DAY)
        assert [h.action.value for h in again.history] == ["submit", "receive"]

    rows = _outbox(service)
    assert [t for t, _ in rows] == ["ansinh.dossier.v1.DossierStatusChanged"] * 2
    last = events_pb2.DossierStatusChanged.FromString(rows[-1][1])
    assert (last.state, last.previous_state, last.action) == (
        "in_appraisal",
        "submitted",
        "receive",
    )
    assert last.actor.username == "xa-mot-cua" and last.actor.unit_code == COMMUNE
    assert last.unit_code == COMMUNE and last.channel == 2 and last.due_on.year == 2025
    assert last.origin == "198.51.100.9"
    service.close()


def test_codes_are_unique_under_concurrent_submissions(
    make_database: Callable[[str], str],
) -> None:
    service = wired(make_database, clock=fixed(DAY))
    officer = person("xa-mot-cua", "commune_officer", unit=COMMUNE)
    with ThreadPoolExecutor(max_workers=8) as pool:
        made = list(pool.map(lambda _: submit_dossier(_submit(), officer, service.deps), range(24)))
    codes = sorted(str(d.code) for d in made)
    assert codes == [f"X{COMMUNE}.H01-250908-{n:04d}" for n in range(1, 25)]
    service.close()


def test_the_same_provincial_dossier_is_created_once(make_database: Callable[[str], str]) -> None:
    service = wired(make_database, clock=fixed(DAY))
    cmd = ReceiveFromProvince(
        provincial_code="H01.22-250908-0042",
        procedure_id="tro-cap-xa-hoi-hang-thang",
        purpose_id="grant_allowance",
        form_id="1b",
        values=lan_values(),
    )
    results = [receive_from_province(cmd, service.deps) for _ in range(3)]
    assert [r.created for r in results] == [True, False, False]
    assert len({r.dossier.id for r in results}) == 1
    status = events_pb2.DossierStatusChanged.FromString(_outbox(service)[0][1])
    assert status.provincial_code == "H01.22-250908-0042"
    assert len(_outbox(service)) == 1
    service.close()


def test_two_provinces_on_one_shard_may_use_the_same_provincial_code(
    make_database: Callable[[str], str],
) -> None:
    """Hà Nội (01) and Hồ Chí Minh City (79) share shard s1; each system numbers its own."""
    service = wired(make_database, clock=fixed(DAY))
    made = [
        receive_from_province(
            ReceiveFromProvince(
                provincial_code="000.00.00-250908-0001",
                procedure_id="tro-cap-xa-hoi-hang-thang",
                purpose_id="grant_allowance",
                form_id="1b",
                values=lan_values(commune),
            ),
            service.deps,
        )
        for commune in (COMMUNE, "25747", COMMUNE)  # Ba Đình, Thủ Dầu Một, Ba Đình again
    ]
    assert [r.created for r in made] == [True, True, False]
    assert [r.dossier.province_code for r in made] == ["01", "79", "01"]
    assert made[0].dossier.id == made[2].dossier.id != made[1].dossier.id
    service.close()
