"""``/api/v1/jobs/{service}/{job_id}``: long-running jobs of every service (docs/adr/0012).

A route that starts a job answers 202 with the job and ``Location`` (``job_accepted``); the
client polls the job for its progress, then reads ``…/result`` and ``…/files/{name}``. The
state lives with the service that runs the job (``ansinh.common.v1.JobService``), so any
gateway replica, or a restarted one, answers.
"""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Path, Request, Response

from ansinh.common.v1 import jobs_pb2
from gateway.adapters.backends import Service
from gateway.entrypoints.http.backend import Call
from gateway.entrypoints.http.beneficiaries.schemas import ImportResult
from gateway.entrypoints.http.jobs import schemas as s
from gateway.entrypoints.http.payments.schemas import GenerateListResult
from gateway.entrypoints.http.proto_rest.mapping import to_rest, unpack_any
from gateway.entrypoints.http.schemas import problem_responses

router = APIRouter(prefix="/jobs", tags=["jobs"])
PREFIX = "/api/v1/jobs"
JOBS = Service(jobs_pb2, "JobService", backend="")
GET_JOB = JOBS.typed("GetJob", jobs_pb2.GetJobRequest, jobs_pb2.GetJobResponse)
GET_RESULT = JOBS.typed("GetJobResult", jobs_pb2.GetJobResultRequest, jobs_pb2.GetJobResultResponse)
GET_FILE = JOBS.typed("GetJobFile", jobs_pb2.GetJobFileRequest, jobs_pb2.GetJobFileResponse)
JOB_SERVICES = ("registry", "payment")
"""Services that run jobs; any other name in the path is a 422, not a 503 (issue 9 fuzzing)."""
Backend = Annotated[
    str,
    Path(
        pattern=rf"^({'|'.join(JOB_SERVICES)})$",
        description="Dịch vụ chạy công việc.",
        examples=["registry"],
    ),
]
JobId = Annotated[str, Path(max_length=64, description="Mã công việc.")]
_READ = problem_responses(401, 403, 404, 409, 503)
JobResult = ImportResult | GenerateListResult
"""What ``…/result`` answers in JSON, by job kind (``registry.import``: ImportResult,
``payment.generate``: GenerateListResult). Declared so that typed clients (web/, ADR 0024)
read it."""


def job_accepted(response: Response, backend: str, job: dict[str, Any]) -> dict[str, Any]:
    """202 + ``Location`` of a job just started (the route's ``status_code`` is 202)."""
    response.headers["Location"] = f"{PREFIX}/{backend}/{job['job_id']}"
    return job


@router.get(
    "/{service}/{job_id}",
    response_model=s.Job,
    summary="Tiến độ công việc",
    responses=_READ,
    openapi_extra=GET_JOB.openapi,
)
async def get_job(service: Backend, job_id: JobId, call: Call) -> Any:
    """Trạng thái và tiến độ (giai đoạn, số dòng đã xử lý trên tổng số, phần trăm); hỏi lại
    định kỳ đến khi `state` là `succeeded` hoặc `failed`."""
    return (await call(GET_JOB.on(service), job_id=job_id))["job"]


@router.get(
    "/{service}/{job_id}/result",
    summary="Kết quả công việc",
    responses={
        **_READ,
        200: {
            "model": JobResult,
            "description": "Kết quả (JSON), hoặc một tệp khi yêu cầu bằng Accept.",
        },
    },
    openapi_extra=GET_RESULT.openapi,
)
async def get_result(service: Backend, job_id: JobId, request: Request, call: Call) -> Any:
    """Kết quả của công việc đã xong (409 khi chưa xong; lỗi của công việc khi thất bại).
    Gửi `Accept` bằng kiểu nội dung của một tệp kết quả (ví dụ tệp lỗi Excel) để nhận tệp
    đó, kèm các số liệu tóm tắt ở tiêu đề `X-<loại>-*`."""
    answer = await call.message(GET_RESULT.on(service), jobs_pb2.GetJobResultRequest(job_id=job_id))
    result = to_rest(unpack_any(answer.result))
    accept = request.headers.get("accept", "")
    for f in answer.job.files:
        if f.content_type in accept:
            headers = _summary_headers(answer.job.kind, result)
            return await _file(call, service, job_id, f.name, headers)
    return result


@router.get(
    "/{service}/{job_id}/files/{name}",
    response_class=Response,
    summary="Tệp kết quả",
    responses=_READ,
    openapi_extra=GET_FILE.openapi,
)
async def get_file(service: Backend, job_id: JobId, name: str, call: Call) -> Response:
    """Một tệp do công việc tạo ra, ví dụ tệp lỗi của lần nhập (các dòng bị từ chối kèm cột
    lỗi)."""
    return await _file(call, service, job_id, name, {})


async def _file(
    call: Call, service: str, job_id: str, name: str, headers: dict[str, str]
) -> Response:
    request = jobs_pb2.GetJobFileRequest(job_id=job_id, name=name)
    found = await call.message(GET_FILE.on(service), request)
    disposition = f"attachment; filename*=UTF-8''{quote(found.file.file_name or name)}"
    headers = {"Content-Disposition": disposition, **headers}
    return Response(found.content, media_type=found.file.content_type, headers=headers)


def _summary_headers(kind: str, result: dict[str, Any]) -> dict[str, str]:
    """``X-Import-Rows-Total: 5`` for each scalar of the result of a ``….import`` job."""
    prefix = "X-" + kind.rsplit(".", 1)[-1].title()
    headers = {}
    for key, value in result.items():
        if isinstance(value, bool):
            headers[f"{prefix}-{key.replace('_', '-').title()}"] = str(value).lower()
        elif isinstance(value, int | str) and value != "":
            headers[f"{prefix}-{key.replace('_', '-').title()}"] = str(value)
    return headers
