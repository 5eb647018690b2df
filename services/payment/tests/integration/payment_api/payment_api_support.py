"""Helpers of the payment API tests: stubs, principals, a generation job polled to its end."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

import grpc
import pytest

from ansinh.common.v1 import common_pb2, jobs_pb2, jobs_pb2_grpc
from ansinh.payment.v1 import payment_pb2 as pb
from ansinh.payment.v1 import payment_pb2_grpc
from ansinh_common.auth.principal import Principal, use_principal
from ansinh_common.grpc.problem import error_from_rpc
from payment.adapters.projection import save_beneficiary
from payment.domain.model import Beneficiary, DecisionRef, Membership, PovertyStatus
from payment.domain.months import Month
from payment.testing import PaymentCluster

DECISION = DecisionRef("7/QĐ-UBND", date(2024, 3, 12))


@dataclass
class Stubs:
    payment: payment_pb2_grpc.PaymentServiceStub
    jobs: jobs_pb2_grpc.JobServiceStub


def officer(commune: str) -> Principal:
    return Principal(f"t-{commune}-cb", f"cb{commune}", frozenset({"commune_officer"}), commune)


def leader(commune: str) -> Principal:
    return Principal(f"t-{commune}-ld", f"ld{commune}", frozenset({"commune_leader"}), commune)


def province_officer(province: str) -> Principal:
    roles = frozenset({"province_officer", "domain_social_assistance"})
    return Principal(f"t-{province}-tinh", f"tinh{province}", roles, province)


def person(pid: str, born: date, group: str, start: Month, province: str, commune: str,
           **kw: object) -> Beneficiary:  # fmt: skip
    member = Membership(f"r-{pid}", group, DECISION, start, poverty=PovertyStatus.POOR, **kw)  # type: ignore[arg-type]
    return Beneficiary(pid, pid, born, province, commune, (member,), ())


def load(cluster: PaymentCluster, people: Iterable[Beneficiary]) -> None:
    """Entitlements through the projection's writer (the one the registry-event handlers use)."""
    for b in people:
        factory = cluster.router.session_factory(cluster.router.shard_for(b.province_code))
        with factory() as session:
            save_beneficiary(session, b, f"Người {b.beneficiary_id[-3:]}")
            session.commit()


def generate(stubs: Stubs, who: Principal, commune: str, month: str) -> pb.GenerateListResult:
    """Start the generation job and poll it (as a client polls ``Location``) to its result."""
    with use_principal(who):
        started = stubs.payment.StartGeneration(
            pb.StartGenerationRequest(commune_code=commune, month=month)
        )
        job_id = started.job.job_id
        deadline = time.monotonic() + 60
        while True:
            job = stubs.jobs.GetJob(jobs_pb2.GetJobRequest(job_id=job_id)).job
            if job.state in (jobs_pb2.JOB_STATE_SUCCEEDED, jobs_pb2.JOB_STATE_FAILED):
                break
            assert time.monotonic() < deadline, "generation job did not finish"
            time.sleep(0.1)
        assert job.state == jobs_pb2.JOB_STATE_SUCCEEDED, job.error.detail
        assert job.progress.percent == 100
        answer = stubs.jobs.GetJobResult(jobs_pb2.GetJobResultRequest(job_id=job_id))
        result = pb.GenerateListResult()
        assert answer.result.Unpack(result)
        return result


def refusal(call: Callable[[], object]) -> tuple[grpc.StatusCode, Exception]:
    with pytest.raises(grpc.RpcError) as caught:
        call()
    return caught.value.code(), error_from_rpc(caught.value)


def pb_date(day: date) -> common_pb2.Date:
    return common_pb2.Date(year=day.year, month=day.month, day=day.day)
