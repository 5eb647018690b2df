"""The registry's payment snapshot over gRPC (``RegistryService.SnapshotPaymentProfiles``,
internal: the channel carries the payment service's own credentials, ADR 0011, 0027), and a
projection transaction per province on the shard router."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC
from typing import Any

from ansinh.registry.v1 import registry_pb2
from ansinh_common.db import ShardRouter
from payment.adapters.projection import SqlEntitlementProjection
from payment.adapters.registry_events import record_from_profile
from payment.domain.registry_record import SnapshotBatch
from payment.domain.rules.list_deadline import local_date


class GrpcRegistrySnapshots:
    def __init__(self, stub: Any, timeout_s: float = 3600.0) -> None:
        self.stub, self.timeout_s = stub, timeout_s

    def snapshot(self, province_code: str) -> Iterator[SnapshotBatch]:
        request = registry_pb2.SnapshotPaymentProfilesRequest(province_code=province_code)
        for batch in self.stub.SnapshotPaymentProfiles(request, timeout=self.timeout_s):
            yield SnapshotBatch(
                shard=batch.shard,
                outbox_position=batch.outbox_position,
                taken_at=batch.taken_at.ToDatetime(tzinfo=UTC),
                records=tuple(
                    record_from_profile(
                        r.record_id,
                        r.province_code,
                        r.version,
                        r.payment,
                        changed_on=local_date(batch.taken_at.ToDatetime(tzinfo=UTC)),
                    )
                    for r in batch.records
                ),
            )


class RouterProjectionTransactions:
    """``ProjectionTransactions`` on the payment shards."""

    def __init__(self, router: ShardRouter) -> None:
        self.router = router

    @contextmanager
    def __call__(self, province_code: str) -> Iterator[SqlEntitlementProjection]:
        with self.router.session(province_code) as session:
            yield SqlEntitlementProjection(session)
