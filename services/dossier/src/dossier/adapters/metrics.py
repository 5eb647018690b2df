"""The dossier service's business metrics (ADR 0023; ``ansinh_dossier_*``).

* ``ansinh_dossier_received_total{procedure, channel}``: dossiers received and committed
  (counted by the entry points: the gRPC ``SubmitDossier``; the provincial sync is to count
  with :func:`count_received` too);
* ``ansinh_dossier_overdue{procedure}``: pending dossiers past their legal deadline, a held
  gauge (``ansinh_common.telemetry.gauges``) the dossier worker is to set when it tracks
  deadlines; the alert ``AnsinhDossiersOverdue`` (infra/prometheus/alerts.yml) reads it.
"""

from __future__ import annotations

from ansinh_common.telemetry.business import business_counter
from dossier.domain.channel import Channel

DOSSIERS_RECEIVED = business_counter(
    "ansinh.dossier.received",
    "dossiers received, by procedure and channel",
    labels=("procedure", "channel"),
)


def count_received(procedure_id: str, channel: Channel) -> None:
    """One dossier received (after its commit); ``channel`` as ``in_person|online|postal``."""
    DOSSIERS_RECEIVED.add(1, procedure=procedure_id, channel=channel.name.lower())
