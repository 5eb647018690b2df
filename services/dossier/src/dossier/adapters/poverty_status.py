"""The poverty service's status query over gRPC (``PovertyService.GetPersonStatus``).

The channel forwards the acting officer's token (ADR 0011): poverty checks that the caller may
read the status. A call that cannot reach poverty (UNAVAILABLE, DEADLINE_EXCEEDED) is
``Unavailable`` (503): the commune's check is refused and may be retried; any other refusal is
mapped as the poverty service gave it.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

import grpc

from ansinh.common.v1 import common_pb2
from ansinh.poverty.v1 import poverty_pb2
from ansinh_common.errors import Unavailable
from ansinh_common.grpc.problem import error_from_rpc
from dossier.domain.records import PovertyStatusAnswer
from dossier.service_layer.ports import POVERTY_UNAVAILABLE as UNAVAILABLE

log = logging.getLogger(__name__)
METHOD = "/ansinh.poverty.v1.PovertyService/GetPersonStatus"
_UNREACHABLE = frozenset({grpc.StatusCode.UNAVAILABLE, grpc.StatusCode.DEADLINE_EXCEEDED})


class GrpcPovertyStatus:
    def __init__(self, stub: Any, *, timeout_seconds: float = 3.0) -> None:
        self.stub, self.timeout_seconds = stub, timeout_seconds

    def status_of(self, national_id: str, on: dt.date, province_code: str) -> PovertyStatusAnswer:
        request = poverty_pb2.GetPersonStatusRequest(
            national_id=national_id,
            on=common_pb2.Date(year=on.year, month=on.month, day=on.day),
            province_code=province_code,
        )
        try:
            answer = self.stub.GetPersonStatus(request, timeout=self.timeout_seconds)
        except grpc.RpcError as exc:
            if exc.code() in _UNREACHABLE:
                log.warning("poverty service unreachable: %s", exc.details())
                raise Unavailable(UNAVAILABLE) from exc
            raise error_from_rpc(exc) from exc
        return PovertyStatusAnswer(
            poor_or_near_poor=answer.poor_or_near_poor,
            status=answer.status or "none",
            household_id=answer.household_id or None,
            as_of=on,
        )
