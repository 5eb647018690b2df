"""What the dossier's use cases need, bound once in ``bootstrap`` (fakes in unit tests)."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

from ansinh_common.authz import UnitTree
from dossier.domain.admin_models import ModelSelector
from dossier.domain.procedures.catalog import ProcedureCatalog
from dossier.service_layer.ports import AttachmentStore, PopulationDatabase, PovertyStatusSource
from dossier.service_layer.unit_of_work import UnitOfWorkFactory


def now_utc() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def new_uuid() -> str:
    return str(uuid.uuid4())


@dataclass(frozen=True, kw_only=True)
class Dependencies:
    uow: UnitOfWorkFactory
    catalog: ProcedureCatalog
    models: ModelSelector
    units: UnitTree
    clock: Callable[[], dt.datetime] = now_utc
    new_id: Callable[[], str] = new_uuid
    population: PopulationDatabase | None = None
    poverty: PovertyStatusSource | None = None
    attachments: AttachmentStore | None = None
    max_attachment: int = 10 * 1024 * 1024
    provinces: frozenset[str] = field(default_factory=frozenset)
    """Province codes served (the router's); a dossier id names its province first."""
    shard_provinces: tuple[str, ...] = ()
    """One province per shard: a read across shards opens one unit of work per entry (empty:
    one per province of ``provinces``)."""
