"""The registry's counts through its gRPC ``CountBeneficiaries`` (``OwnerCounts`` port)."""

from __future__ import annotations

from ansinh.registry.v1 import registry_pb2, registry_pb2_grpc


class GrpcRegistryCounts:
    def __init__(self, stub: registry_pb2_grpc.RegistryServiceStub) -> None:
        self._stub = stub

    def beneficiary_counts(self, province_code: str) -> tuple[str, dict[str, int]]:
        reply = self._stub.CountBeneficiaries(
            registry_pb2.CountBeneficiariesRequest(province_code=province_code)
        )
        return reply.shard, {c.status: int(c.count) for c in reply.counts}
