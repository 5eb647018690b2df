"""The dossier service's business counters (ADR 0023; ``ansinh_dossier_*``).

* ``ansinh_dossier_received_total{procedure, channel}``: dossiers received (a citizen online,
  an officer at the counter, a provincial one-stop system), counted once committed.
* ``ansinh_dossier_overdue{procedure}`` (gauge, to be exported by the dossier worker once it
  tracks deadlines): pending dossiers past their legal deadline; the alert
  ``AnsinhDossiersOverdue`` (infra/prometheus/alerts.yml) reads it.
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
    DOSSIERS_RECEIVED.add(1, procedure=procedure_id, channel=channel.name.lower())
