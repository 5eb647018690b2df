"""``ansinh.common.v1.JobService`` over a ``SqlJobStore`` (served next to the service's own)."""

from __future__ import annotations

from typing import Any

import grpc
from google.protobuf import any_pb2
from google.protobuf.timestamp_pb2 import Timestamp

from ansinh.common.v1 import jobs_pb2, jobs_pb2_grpc, problem_pb2
from ansinh_common.auth.principal import require_principal
from ansinh_common.errors import FailedPrecondition, NotFound, PermissionDenied, from_problem_json
from ansinh_common.jobs import store as s

MSG_NOT_FOUND = "Không tìm thấy công việc."
MSG_NOT_YOURS = "Chỉ người khởi tạo công việc mới xem được công việc này."
MSG_NOT_FINISHED = "Công việc chưa hoàn thành; hãy xem tiến độ và thử lại sau."
MSG_NO_FILE = "Công việc không có tệp này."
STATES = {
    s.QUEUED: jobs_pb2.JOB_STATE_QUEUED,
    s.RUNNING: jobs_pb2.JOB_STATE_RUNNING,
    s.SUCCEEDED: jobs_pb2.JOB_STATE_SUCCEEDED,
    s.FAILED: jobs_pb2.JOB_STATE_FAILED,
}
SERVICE_NAME = jobs_pb2.DESCRIPTOR.services_by_name["JobService"].full_name


def job_message(record: s.JobRecord) -> jobs_pb2.Job:
    p = record.progress
    job = jobs_pb2.Job(
        job_id=record.job_id, kind=record.kind, state=STATES[record.state],
        progress=jobs_pb2.JobProgress(
            phase=p.phase, done=p.done, total=p.total, percent=p.percent, unit=p.unit
        ),
        created_at=_ts(record.created_at), updated_at=_ts(record.updated_at),
        files=[
            jobs_pb2.JobFileInfo(
                name=f.name, content_type=f.content_type, size=f.size, file_name=f.file_name
            )
            for f in record.files
        ],
    )  # fmt: skip
    if record.finished_at is not None:
        job.finished_at.CopyFrom(_ts(record.finished_at))
    if record.error is not None:
        problem = problem_pb2.ProblemDetail(
            type=str(record.error.get("type", "")), title=str(record.error.get("title", "")),
            status=int(record.error.get("status", 500)),
            detail=str(record.error.get("detail", "")), code=str(record.error.get("code", "")),
        )  # fmt: skip
        for e in record.error.get("errors") or []:
            problem.errors.add(field=e["field"], message=e["message"], code=e["code"])
        job.error.CopyFrom(problem)
    return job


def _ts(value: Any) -> Timestamp:
    ts = Timestamp()
    ts.FromDatetime(value)
    return ts


class JobServicer(jobs_pb2_grpc.JobServiceServicer):
    """Reads jobs for the principal who started them."""

    def __init__(self, store: s.SqlJobStore) -> None:
        self.store = store

    def _mine(self, job_id: str) -> s.JobRecord:
        record = self.store.get(job_id)
        if record is None:
            raise NotFound(MSG_NOT_FOUND)
        if record.owner_subject != require_principal().subject:
            raise PermissionDenied(MSG_NOT_YOURS)
        return record

    def GetJob(  # noqa: N802
        self, request: jobs_pb2.GetJobRequest, context: grpc.ServicerContext
    ) -> jobs_pb2.GetJobResponse:
        return jobs_pb2.GetJobResponse(job=job_message(self._mine(request.job_id)))

    def GetJobResult(  # noqa: N802
        self, request: jobs_pb2.GetJobResultRequest, context: grpc.ServicerContext
    ) -> jobs_pb2.GetJobResultResponse:
        record = self._mine(request.job_id)
        if record.state == s.FAILED and record.error is not None:
            raise from_problem_json(record.error)
        value = self.store.result(record.job_id)
        if record.state != s.SUCCEEDED or value is None or record.result_type is None:
            raise FailedPrecondition(MSG_NOT_FINISHED)
        result = any_pb2.Any(type_url=f"type.googleapis.com/{record.result_type}", value=value)
        return jobs_pb2.GetJobResultResponse(job=job_message(record), result=result)

    def GetJobFile(  # noqa: N802
        self, request: jobs_pb2.GetJobFileRequest, context: grpc.ServicerContext
    ) -> jobs_pb2.GetJobFileResponse:
        record = self._mine(request.job_id)
        found = self.store.file(record.job_id, request.name)
        if found is None:
            raise NotFound(MSG_NO_FILE)
        info = jobs_pb2.JobFileInfo(
            name=found.name, content_type=found.content_type, size=len(found.content),
            file_name=found.file_name,
        )  # fmt: skip
        return jobs_pb2.GetJobFileResponse(file=info, content=found.content)


def add_job_servicer(store: s.SqlJobStore) -> tuple[Any, JobServicer]:
    """``(add_to_server, servicer)`` for ``create_server``'s servicer list."""
    return jobs_pb2_grpc.add_JobServiceServicer_to_server, JobServicer(store)
