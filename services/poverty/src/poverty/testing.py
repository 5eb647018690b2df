"""Test helpers of the poverty service for its own tests and for other services' tests.

* :func:`start` ``(app, port=0)``: a started gRPC server of ``app`` (callers verified against
  the realm, ADR 0011);
* :func:`migrated_router`: a router over fresh migrated shard databases;
* :func:`person_status` : the status query as the dossier service calls it (a stub and a date
  in, ``(poor_or_near_poor, status)`` out), so its tests need no proto knowledge.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ansinh.common.v1 import common_pb2
from ansinh.poverty.v1 import poverty_pb2, poverty_pb2_grpc
from ansinh_common.auth.wiring import token_verifier
from ansinh_common.db import ShardRouter
from ansinh_common.grpc.server import create_server
from ansinh_common.runtime import default_province_shards
from ansinh_common.runtime.testing import migrate_fresh_databases
from poverty.bootstrap import SERVICE_NAME, PovertyApp
from poverty.config import PovertySettings

ALEMBIC_INI = Path(__file__).parents[2] / "alembic.ini"


def migrated_router(make_database: Callable[[str], str]) -> ShardRouter:
    """Fresh shard databases and a global one, migrated to head, routed like development."""
    databases = migrate_fresh_databases(make_database, PovertySettings, ALEMBIC_INI)
    shards = databases.shards
    return ShardRouter(default_province_shards(sorted(shards)), shards, databases.global_url)


def start(app: PovertyApp, port: int = 0, host: str = "127.0.0.1") -> tuple[Any, int]:
    """A started server for ``app`` (``port=0``: any free port)."""
    return create_server(
        app.servicers,
        port,
        verifier=token_verifier(app.settings),
        host=host,
        service_names=[SERVICE_NAME],
    )


def person_status(
    stub: poverty_pb2_grpc.PovertyServiceStub, national_id: str, on: dt.date
) -> tuple[bool, str]:
    """Is the person in a poor or near-poor household on ``on``, and the household's status."""
    answer = stub.GetPersonStatus(
        poverty_pb2.GetPersonStatusRequest(
            national_id=national_id,
            on=common_pb2.Date(year=on.year, month=on.month, day=on.day),
        )
    )
    return answer.poor_or_near_poor, answer.status
