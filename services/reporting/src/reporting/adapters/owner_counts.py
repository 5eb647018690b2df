"""An owning service's ``CountForReconciliation`` through gRPC (``SourceCounts`` port)."""

from __future__ import annotations

from collections.abc import Callable

from ansinh.common.v1 import counts_pb2

CountCall = Callable[[counts_pb2.CountRequest], counts_pb2.CountResponse]


class GrpcSourceCounts:
    def __init__(self, call: CountCall) -> None:
        self._call = call

    def counts(self, province_code: str) -> tuple[str, dict[str, int]]:
        reply = self._call(counts_pb2.CountRequest(province_code=province_code))
        return reply.shard, {c.key: int(c.count) for c in reply.counts}
