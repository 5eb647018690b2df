"""``/api/v1/beneficiaries``: the beneficiary registry over REST (``RegistryService``).

Each route maps its REST body to the request message and the answer back (``Call``, models
generated from the protos in ``schemas``); the registry checks scope and the field policy
itself (a commune officer reaches their commune, a citizen only their own record and personal
fields — Circular 11/2019/TT-BLĐTBXH Art. 4.1). Records live in the shard of their province,
so a record is ``/beneficiaries/{province_code}/{record_id}``. The Excel import is a job
(``/api/v1/jobs``).
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, File, Path, Query, Response, UploadFile, status
from pydantic import Field

from ansinh.registry.v1 import registry_pb2 as pb
from gateway.adapters.backends import Service
from gateway.entrypoints.http.backend import Call
from gateway.entrypoints.http.beneficiaries import schemas as s
from gateway.entrypoints.http.dependencies import GatewayDep
from gateway.entrypoints.http.jobs.routes import job_accepted
from gateway.entrypoints.http.jobs.schemas import Job
from gateway.entrypoints.http.schemas import problem_responses
from gateway.entrypoints.http.uploads import read_upload

router = APIRouter(prefix="/beneficiaries", tags=["beneficiaries"])
REGISTRY = Service(pb, "RegistryService", backend="registry")
SEARCH = REGISTRY.rpc("SearchRecords")
CHANGES = REGISTRY.rpc("ListChanges")
START_IMPORT = REGISTRY.rpc("StartImport")
GET_RECORD = REGISTRY.rpc("GetRecord")
HISTORY = REGISTRY.rpc("GetHistory")
REGISTER = REGISTRY.rpc("RegisterBeneficiary")
DEATH = REGISTRY.rpc("RecordDeath")
STOP = REGISTRY.rpc("StopBenefit")
COEFFICIENT = REGISTRY.rpc("ChangeCoefficient")
INFORMATION = REGISTRY.rpc("ChangeInformation")
MOVE = REGISTRY.rpc("RequestMove")
EXPORT = REGISTRY.typed("ExportFile", pb.ExportFileRequest, pb.ExportFileResponse)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
Province = Annotated[
    str, Path(pattern=r"^\d{2}$", description="Mã tỉnh của hồ sơ.", examples=["01"])
]
RecordId = Annotated[str, Path(max_length=64, description="Mã hồ sơ (UUID).")]
_READ = problem_responses(401, 403, 404, 422, 503)
_WRITE = problem_responses(401, 403, 404, 409, 422, 503)


async def _record_ids(province_code: Province, record_id: RecordId) -> dict[str, str]:
    return {"province_code": province_code, "record_id": record_id}


RecordIds = Annotated[dict[str, str], Depends(_record_ids)]


class RecordDetail(s.GetRecordResponse):
    as_of: date | None = Field(default=None, description="Ngày tra cứu (trống: hiện tại).")


class History(s.GetHistoryResponse):
    record_id: str
    province_code: str


# -- reading -------------------------------------------------------------------------------
@router.get(
    "",
    response_model=s.SearchRecordsResponse,
    summary="Tìm kiếm đối tượng bảo trợ xã hội",
    responses=_READ,
    openapi_extra=SEARCH.openapi,
)
async def search_beneficiaries(q: Annotated[s.SearchRecordsQuery, Query()], call: Call) -> Any:
    """Tìm hồ sơ theo họ tên, số định danh, đơn vị, diện và trạng thái, sắp xếp theo họ tên.
    Cán bộ xã chỉ thấy hồ sơ của xã mình, cán bộ tỉnh của tỉnh mình; công dân chỉ thấy hồ sơ
    của chính mình."""
    return await call(SEARCH, q)


@router.get(
    "/changes",
    response_model=s.ListChangesResponse,
    responses=_READ,
    summary="Biến động của một đơn vị trong một khoảng thời gian",
    openapi_extra=CHANGES.openapi,
)
async def list_changes(q: Annotated[s.ListChangesQuery, Query()], call: Call) -> Any:
    """Các biến động (tăng mới, cắt chết, thôi hưởng, thay đổi thông tin, thay đổi hệ số,
    chuyển đi/đến) của xã hoặc tỉnh, theo ngày hiệu lực; mới ghi nhận trước."""
    return await call(CHANGES, q)


@router.get(
    "/export",
    response_class=Response,
    openapi_extra=EXPORT.openapi,
    summary="Xuất danh sách đối tượng của một xã ra tệp Excel",
    responses={200: {"content": {XLSX: {}}, "description": "Tệp Excel."}, **_READ},
)
async def export_commune(
    q: Annotated[s.ExportFileQuery, Query()], call: Call, gateway: GatewayDep
) -> Response:
    """Tệp Excel theo biểu mẫu của Bộ (có danh sách chọn từ danh mục, dòng tiêu đề được khóa)
    để xã cập nhật ngoại tuyến rồi nhập lại (khoản 2 Điều 4 Thông tư 11/2019/TT-BLĐTBXH)."""
    timeout = gateway.settings.grpc_file_deadline_seconds
    out = await call.message(EXPORT, call.request(EXPORT, q), timeout=timeout)
    disposition = f"attachment; filename*=UTF-8''{quote(out.file_name or 'xa.xlsx')}"
    headers = {"Content-Disposition": disposition, "X-Rows": str(out.rows)}
    return Response(out.content, media_type=XLSX, headers=headers)


@router.post(
    "/import",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=Job,
    summary="Nhập tệp Excel của xã (chạy thử hoặc cập nhật) — công việc chạy nền",
    responses=problem_responses(401, 403, 413, 422, 503),
    openapi_extra=START_IMPORT.openapi,
)
async def import_file(
    q: Annotated[s.ImportFileQuery, Query()],
    file: Annotated[UploadFile, File(description="Tệp .xlsx theo biểu mẫu.")],
    call: Call,
    gateway: GatewayDep,
    response: Response,
) -> Any:
    """Bắt đầu nhập tệp: trả ngay công việc (202, tiêu đề `Location`). Theo dõi tiến độ tại
    `Location`; khi xong, `Location/result` là báo cáo (mọi lỗi theo dòng, cột, bằng tiếng
    Việt) và `Location/files/error_workbook` là tệp lỗi (các dòng bị từ chối kèm cột lỗi)."""
    content = await read_upload(file, gateway.settings.import_max_bytes)
    fields = {**q.model_dump(exclude_none=True), "content": content, "file_name": file.filename}
    out = await call(START_IMPORT, {"file": fields})
    return job_accepted(response, REGISTRY.backend, out["job"])


@router.get(
    "/{province_code}/{record_id}",
    response_model=RecordDetail,
    responses=_READ,
    summary="Hồ sơ đối tượng (hiện tại hoặc tại một ngày)",
    openapi_extra=GET_RECORD.openapi,
)
async def get_beneficiary(
    ids: RecordIds, q: Annotated[s.GetRecordQuery, Query()], call: Call
) -> Any:
    """Trạng thái hồ sơ (hiện tại, hoặc tại ngày `as_of` theo các biến động có hiệu lực đến
    ngày đó), các nhận xét chất lượng dữ liệu và tiến trình chuyển đi nếu có."""
    out = await call(GET_RECORD, q, **ids)
    return {**out, "as_of": q.as_of}


@router.get(
    "/{province_code}/{record_id}/history",
    response_model=History,
    responses=_READ,
    summary="Lịch sử biến động của hồ sơ",
    openapi_extra=HISTORY.openapi,
)
async def get_history(ids: RecordIds, call: Call) -> Any:
    """Toàn bộ biến động theo thứ tự ghi nhận: ngày hiệu lực, lý do, quyết định, người ghi."""
    return {**await call(HISTORY, ids), **ids}


# -- changes -------------------------------------------------------------------------------
@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=s.RecordSummary,
    summary="Tăng mới đối tượng",
    responses=_WRITE,
    openapi_extra=REGISTER.openapi,
)
async def register_beneficiary(body: s.RegisterBeneficiaryBody, call: Call) -> Any:
    """Tạo hồ sơ mới tại tỉnh nơi cư trú, kèm quyết định (số, ngày ký, đơn vị ký). Hệ số phải
    đúng danh mục theo diện và điều kiện; mỗi người chỉ có một hồ sơ đang hưởng cho mỗi diện
    trên toàn quốc (409). Gửi lại với cùng `record_id` không tạo thêm hồ sơ."""
    return (await call(REGISTER, body))["record"]


@router.post(
    "/{province_code}/{record_id}/death",
    response_model=s.RecordSummary,
    summary="Cắt chết",
    responses=_WRITE,
    openapi_extra=DEATH.openapi,
)
async def record_death(ids: RecordIds, body: s.RecordDeathBody, call: Call) -> Any:
    """Ghi nhận đối tượng qua đời theo quyết định; dừng chi trả từ tháng sau tháng mất."""
    out = await call(DEATH, body, **ids)
    return out["record"]


@router.post(
    "/{province_code}/{record_id}/stop",
    response_model=s.RecordSummary,
    summary="Thôi hưởng",
    responses=_WRITE,
    openapi_extra=STOP.openapi,
)
async def stop_benefit(ids: RecordIds, body: s.StopBenefitBody, call: Call) -> Any:
    """Thôi hưởng trợ cấp theo quyết định; dừng chi trả từ tháng sau tháng không còn đủ điều
    kiện."""
    out = await call(STOP, body, **ids)
    return out["record"]


@router.post(
    "/{province_code}/{record_id}/coefficient-change",
    response_model=s.RecordSummary,
    summary="Thay đổi hệ số hưởng (diện, mức độ khuyết tật, hỗ trợ chăm sóc)",
    responses=_WRITE,
    openapi_extra=COEFFICIENT.openapi,
)
async def change_coefficient(ids: RecordIds, body: s.ChangeCoefficientBody, call: Call) -> Any:
    """Thay đổi thông tin về chính sách, chỉ cơ quan có thẩm quyền thực hiện, kèm quyết định;
    công dân gửi yêu cầu này bị từ chối (403, khoản 1 Điều 4 Thông tư 11/2019/TT-BLĐTBXH)."""
    return (await call(COEFFICIENT, body, **ids))["record"]


@router.patch(
    "/{province_code}/{record_id}",
    response_model=s.ChangeInformationResponse,
    summary="Thay đổi thông tin",
    responses=_WRITE,
    openapi_extra=INFORMATION.openapi,
)
async def change_information(ids: RecordIds, body: s.ChangeInformationBody, call: Call) -> Any:
    """Cập nhật các trường được gửi; chỉ ghi nhận những giá trị thực sự thay đổi. Công dân
    chỉ được cập nhật số điện thoại và địa chỉ liên hệ trong hồ sơ của chính mình; thông tin
    định danh (họ tên, ngày sinh, giới tính, số định danh, dân tộc) theo Cơ sở dữ liệu quốc
    gia về dân cư và thông tin về chính sách (khuyết tật, chi trả) bị từ chối với 403, nêu
    từng trường (khoản 1 Điều 4 Thông tư 11/2019/TT-BLĐTBXH)."""
    return await call(INFORMATION, body, **ids)


@router.post(
    "/{province_code}/{record_id}/move",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=s.RequestMoveResponse,
    responses=_WRITE,
    summary="Chuyển nơi cư trú (chuyển đi / chuyển đến)",
    openapi_extra=MOVE.openapi,
)
async def request_move(ids: RecordIds, body: s.RequestMoveBody, call: Call) -> Any:
    """Bắt đầu chuyển hồ sơ sang nơi cư trú mới, với quyết định của nơi đi và nơi đến. Việc
    chuyển diễn ra bất đồng bộ; theo dõi qua trường `move` của hồ sơ."""
    return await call(MOVE, body, **ids)
