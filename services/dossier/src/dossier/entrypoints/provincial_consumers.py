"""The Kafka side of the provincial sync (ADR 0018): what the worker does with each message.

* ``InboundHandler``: a ``ProvincialDossierSubmitted`` on ``<prefix>.<PP>.inbound.v1`` →
  the dossier, once per provincial dossier code. The province is the message's
  ``ce_province``, which must be one of the provinces whose topics the consumer reads and
  equal the payload's ``province_code``. A message that cannot be applied raises
  ``UnprocessableMessage``: the shared consumer dead-letters it at once to
  ``<topic>.dlq`` with the reason, and the partition moves on.
* ``OutboundHandler``: a ``DossierStatusChanged`` on ``ansinh.dossier.v1`` of a two-way
  province → a ``ProvincialStatusUpdate`` in the shard's outbox, in the consumer's transaction
  (inbox row + outbox row commit together; the relay publishes it). Exactly once in effect:
  the inbox skips a redelivered change, and the update's event id is derived from the
  change's, so a relay that publishes twice publishes the same id.

The loop (inbox, retries, dead letters, metrics) is ``ansinh_common.messaging.InboxConsumer``;
the consumers are built in ``dossier.bootstrap.build_worker``.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass

from google.protobuf.message import DecodeError
from sqlalchemy.orm import Session

from ansinh_common.db import ShardRouter, UnknownProvinceError
from ansinh_common.errors import DomainError
from ansinh_common.messaging import Envelope, UnprocessableMessage, add_to_outbox
from dossier.adapters import provincial_messages as wire
from dossier.domain.provincial_status import StatusMapping
from dossier.domain.rules.provincial_sync import SyncModes
from dossier.service_layer.handlers.provincial_sync import (
    InboundChecks,
    provincial_status_for,
    receive_provincial_dossier,
)
from dossier.service_layer.ports import ProvincialIntake

log = logging.getLogger(__name__)

IntakeFactory = Callable[[Session], ProvincialIntake]
"""The intake whose dossier is written in the consumer's transaction ``session``."""


def refusal_reason(error: DomainError) -> str:
    """The reason recorded in the dead-letter header: the detail and every field."""
    fields = "; ".join(f"{e.field}: {e.message}" for e in error.errors)
    return f"{error.detail} {fields}".strip()


@dataclass
class InboundHandler:
    modes: SyncModes
    checks: InboundChecks
    intake_for: IntakeFactory

    provinces: frozenset[str]
    """The provinces whose inbound topics this consumer reads (its shard's, inbound modes)."""
    clock: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC)

    def __call__(self, session: Session, envelope: Envelope) -> None:
        try:
            topic_province = envelope.province
            if topic_province not in self.provinces:
                raise UnprocessableMessage(
                    f"Tỉnh {topic_province!r} (ce_province) không thuộc các chủ đề "
                    "mà bộ tiêu thụ này đọc."
                )
            dossier = wire.decode_inbound(envelope)
            received = receive_provincial_dossier(
                dossier,
                topic_province=topic_province,
                modes=self.modes,
                checks=self.checks,
                intake=self.intake_for(session),
                now=self.clock(),
            )
        except DomainError as exc:
            if exc.http_status >= 500:
                raise  # not the message's fault: retried, then dead-lettered
            raise UnprocessableMessage(refusal_reason(exc)) from exc
        log.info(
            "provincial dossier %s/%s → %s (%s)",
            dossier.province_code,
            dossier.provincial_code,
            received.dossier_id,
            "created" if received.created else "already there",
        )


@dataclass
class OutboundHandler:
    topic_prefix: str
    modes: SyncModes
    mapping: StatusMapping
    router: ShardRouter
    shard: str

    def owns(self, province_code: str) -> bool:
        try:
            return self.router.shard_for(province_code) == self.shard
        except UnknownProvinceError:
            return False

    def __call__(self, session: Session, envelope: Envelope) -> None:
        if envelope.type != wire.STATUS_CHANGED_TYPE or not self.owns(envelope.province):
            return
        try:
            change = wire.decode_status_changed(envelope.data)
            status = provincial_status_for(
                province_code=change.province_code,
                state=change.state,
                action=change.action,
                modes=self.modes,
                mapping=self.mapping,
            )
        except (DecodeError, ValueError) as exc:  # unreadable event, unknown state or action
            raise UnprocessableMessage(f"DossierStatusChanged không đọc được: {exc}") from exc
        if status is None:
            return
        add_to_outbox(
            session,
            wire.outbound_topic(self.topic_prefix, change.province_code),
            change.provincial_code or change.dossier_id,
            wire.outbound_envelope(envelope, wire.encode_status_update(change, status)),
        )
