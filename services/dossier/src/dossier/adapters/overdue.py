"""Pending dossiers past their legal deadline, counted from the shards' ``dossiers`` rows.

A row's ``due_on`` is the last day of its running step (none while the clock is paused or
once decided), so a dossier is overdue when ``due_on`` is before today (Asia/Ho_Chi_Minh)
and it is still being handled. One ``GROUP BY`` per shard; read by the
``ansinh_dossier_overdue`` gauge at scrape time (cached, ``adapters/metrics.py``).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable

import sqlalchemy as sa

from ansinh_common.db import ShardRouter
from dossier.adapters.orm import dossiers
from dossier.domain.stages import FINISHED, TERMINAL

CLOSED = sorted(stage.value for stage in TERMINAL | FINISHED)


def overdue_by_procedure(
    router: ShardRouter, shards: Iterable[str], today: dt.date
) -> Counter[str]:
    """Overdue dossiers per procedure id over ``shards``."""
    query = (
        sa.select(dossiers.c.procedure_id, sa.func.count())
        .where(dossiers.c.due_on < today, dossiers.c.stage.not_in(CLOSED))
        .group_by(dossiers.c.procedure_id)
    )
    found: Counter[str] = Counter()
    for shard in shards:
        with router.engine(shard).connect() as conn:
            for procedure_id, count in conn.execute(query):
                found[str(procedure_id)] += int(count)
    return found
