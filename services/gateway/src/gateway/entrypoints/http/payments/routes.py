"""``/api/v1/payments``: province settings and monthly payment lists over REST (``PaymentService``).

Each route maps its REST body to the request message and the answer back (models generated
from the protos in ``schemas``); the payment service checks units, roles and maker–checker
itself. A list is one commune and one month: ``/payments/lists/{commune_code}/{month}``.
Generating a list is a job (202 + ``Location`` under ``/api/v1/jobs/payment/…``); export files
are downloaded as they are (CSV UTF-8 with BOM, or Excel), results files are uploaded.
"""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, File, Path, Query, Response, UploadFile, status

from ansinh.payment.v1 import payment_pb2 as pb
from gateway.adapters.backends import Service
from gateway.entrypoints.http.backend import Call
from gateway.entrypoints.http.dependencies import GatewayDep
from gateway.entrypoints.http.jobs.routes import job_accepted
from gateway.entrypoints.http.jobs.schemas import Job
from gateway.entrypoints.http.payments import schemas as s
from gateway.entrypoints.http.schemas import problem_responses
from gateway.entrypoints.http.uploads import read_upload

router = APIRouter(prefix="/payments", tags=["payments"])
PAYMENT = Service(pb, "PaymentService", backend="payment")
RECORD_SETTING = PAYMENT.rpc("RecordSetting")
LIST_SETTINGS = PAYMENT.rpc("ListSettings")
START_GENERATION = PAYMENT.rpc("StartGeneration")
GET_LIST = PAYMENT.rpc("GetList")
APPROVE = PAYMENT.rpc("ApproveList")
CLOSE = PAYMENT.rpc("CloseMonth")
RECORD_CHANNEL = PAYMENT.rpc("RecordChannel")
EXPORT = PAYMENT.typed("ExportList", pb.ExportListRequest, pb.ExportListResponse)
IMPORT_RESULTS = PAYMENT.rpc("ImportResults")
RECONCILIATION = PAYMENT.rpc("GetReconciliation")
ADJUST = PAYMENT.rpc("AddAdjustment")
EXPLAIN = PAYMENT.rpc("ExplainMonth")
LATE = PAYMENT.rpc("ListLateCommunes")
PROPOSALS = PAYMENT.rpc("ListSuspensionProposals")
MONTH = r"^\d{4}-(0[1-9]|1[0-2])$"
Province = Annotated[str, Path(pattern=r"^\d{2}$", description="Mã tỉnh.", examples=["01"])]
Commune = Annotated[
    str, Path(pattern=r"^\d{5}$", description="Mã xã (danh mục 2025).", examples=["00004"])
]
Month = Annotated[str, Path(pattern=MONTH, description="Tháng chi trả (YYYY-MM).")]
Channel = Annotated[str, Path(pattern=r"^[A-Z0-9_]{1,32}$", description="Hình thức chi trả.")]
_READ = problem_responses(401, 403, 404, 422, 503)
_WRITE = problem_responses(401, 403, 404, 409, 422, 503)
_FILE_TYPES: dict[str, dict[str, object]] = {
    "text/csv": {},
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {},
}


async def _list_ids(commune_code: Commune, month: Month) -> dict[str, str]:
    return {"commune_code": commune_code, "month": month}


ListIds = Annotated[dict[str, str], Depends(_list_ids)]


@router.post(
    "/settings/{province_code}",
    status_code=status.HTTP_201_CREATED,
    response_model=s.RecordSettingResponse,
    summary="Ghi thiết lập chính sách của tỉnh (mức chuẩn cao hơn, chính sách riêng)",
    responses=_WRITE,
    openapi_extra=RECORD_SETTING.openapi,
)
async def record_setting(province_code: Province, body: s.RecordSettingBody, call: Call) -> Any:
    """Cán bộ cấp tỉnh ghi mức chuẩn trợ giúp xã hội của tỉnh hoặc một chính sách riêng (đối
    tượng, số tiền hoặc hệ số, áp dụng từ tháng), kèm số và ngày nghị quyết HĐND. Thiết lập đã
    dùng cho danh sách được duyệt không sửa được, chỉ thay thế từ tháng sau (409)."""
    return await call(RECORD_SETTING, body, province_code=province_code)


@router.get(
    "/settings/{province_code}",
    response_model=s.ListSettingsResponse,
    summary="Các thiết lập chính sách của tỉnh",
    responses=_READ,
    openapi_extra=LIST_SETTINGS.openapi,
)
async def list_settings(province_code: Province, call: Call) -> Any:
    """Mọi phiên bản, kèm tháng cuối cùng đã dùng cho danh sách được duyệt."""
    return await call(LIST_SETTINGS, {"province_code": province_code})


@router.post(
    "/lists/{commune_code}/{month}/generation",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=Job,
    summary="Lập (lại) danh sách chi trả của xã trong tháng — công việc chạy nền",
    responses=_WRITE,
    openapi_extra=START_GENERATION.openapi,
)
async def start_generation(ids: ListIds, call: Call, response: Response) -> Any:
    """Trả ngay công việc (202, tiêu đề `Location`); khi xong, `Location/result` là danh sách
    đã lập. Lập lại cùng tháng không thay đổi gì; tháng đã khóa sổ bị từ chối (409)."""
    out = await call(START_GENERATION, ids)
    return job_accepted(response, PAYMENT.backend, out["job"])


@router.get(
    "/lists/{commune_code}/{month}",
    response_model=s.GetListResponse,
    summary="Danh sách chi trả và các dòng (cách tính từng số tiền)",
    responses=_READ,
    openapi_extra=GET_LIST.openapi,
)
async def get_list(ids: ListIds, q: Annotated[s.GetListQuery, Query()], call: Call) -> Any:
    """Trạng thái, tổng tiền, hạn chuyển và từng dòng với các phần: diện, hệ số, mức chuẩn,
    hỗ trợ chăm sóc, chính sách riêng của tỉnh, truy lĩnh, mỗi phần có căn cứ pháp lý.
    Các dòng theo trang (`page_size`, `page_token`); tổng số dòng và tổng tiền là của cả
    danh sách."""
    return await call(GET_LIST, q, **ids)


@router.post(
    "/lists/{commune_code}/{month}/approval",
    response_model=s.ListHeaderResponse,
    summary="Phê duyệt danh sách (lãnh đạo, khác người lập)",
    responses=_WRITE,
    openapi_extra=APPROVE.openapi,
)
async def approve_list(ids: ListIds, call: Call) -> Any:
    """Lãnh đạo phê duyệt danh sách dự thảo; người lập hoặc người thêm dòng điều chỉnh không
    được tự phê duyệt (403)."""
    return await call(APPROVE, ids)


@router.post(
    "/lists/{commune_code}/{month}/closing",
    response_model=s.ListHeaderResponse,
    summary="Khóa sổ tháng chi trả",
    responses=_WRITE,
    openapi_extra=CLOSE.openapi,
)
async def close_month(ids: ListIds, call: Call) -> Any:
    """Khóa danh sách đã xuất tệp: sau đó không lập lại, không xuất, không nhập kết quả; sửa
    sai bằng dòng điều chỉnh ở tháng sau."""
    return await call(CLOSE, ids)


@router.post(
    "/channels/{commune_code}",
    response_model=s.RecordChannelResponse,
    summary="Ghi hình thức chi trả của một đối tượng (từ một tháng)",
    responses=_WRITE,
    openapi_extra=RECORD_CHANNEL.openapi,
)
async def record_channel(commune_code: Commune, body: s.RecordChannelBody, call: Call) -> Any:
    """Tiền mặt (tại xã hoặc điểm chi trả bưu điện), tài khoản ngân hàng, ví điện tử; lịch sử
    được giữ, không sửa: thay đổi là phiên bản từ một tháng sau."""
    return await call(RECORD_CHANNEL, body, commune_code=commune_code)


@router.post(
    "/lists/{commune_code}/{month}/exports",
    response_class=Response,
    summary="Xuất tệp chi trả của một hình thức (CSV hoặc Excel)",
    responses={200: {"content": _FILE_TYPES, "description": "Tệp chi trả."}, **_WRITE},
    openapi_extra=EXPORT.openapi,
)
async def export_list(ids: ListIds, body: s.ExportListBody, call: Call) -> Response:
    """Danh sách đã duyệt: tiêu đề tiếng Việt, cộng theo xã, tổng cộng và dòng mã kiểm tra
    (SHA-256, cũng ở tiêu đề `X-Checksum`); lần xuất đầu chuyển danh sách sang đã xuất."""
    out = await call.message(EXPORT, call.request(EXPORT, body, **ids))
    headers = {
        "Content-Disposition": f"attachment; filename*=UTF-8''{quote(out.file_name)}",
        "X-Checksum": out.checksum, "X-Rows": str(out.line_count),
        "X-Total-VND": str(out.total_vnd),
    }  # fmt: skip
    return Response(out.content, media_type=out.content_type, headers=headers)


@router.post(
    "/lists/{commune_code}/{month}/results/{channel_code}",
    response_model=s.ImportResultsResponse,
    summary="Nhập tệp kết quả chi trả của một hình thức",
    responses=problem_responses(401, 403, 404, 409, 413, 422, 503),
    openapi_extra=IMPORT_RESULTS.openapi,
)
async def import_results(
    ids: ListIds, channel_code: Channel, call: Call, gateway: GatewayDep,
    file: Annotated[UploadFile, File(description="Tệp kết quả .csv hoặc .xlsx.")],
) -> Any:  # fmt: skip
    """Đã chi trả, không thành công, bị trả lại (kèm mã lý do; tiền mặt: ngày nhận và điểm
    chi trả). Một lỗi (nêu dòng, cột) là cả tệp không được ghi nhận (422)."""
    content = await read_upload(file, gateway.settings.import_max_bytes)
    fields = {**ids, "channel_code": channel_code, "file_name": file.filename or "ket-qua.csv"}
    return await call(IMPORT_RESULTS, {**fields, "content": content})


@router.get(
    "/lists/{commune_code}/{month}/reconciliation",
    response_model=s.GetReconciliationResponse,
    summary="Đối chiếu kết quả chi trả",
    responses=_READ,
    openapi_extra=RECONCILIATION.openapi,
)
async def reconciliation(ids: ListIds, call: Call) -> Any:
    """Theo hình thức chi trả: phải chi, đã chi, không thành công, chưa có kết quả (số dòng và
    số tiền)."""
    return await call(RECONCILIATION, ids)


@router.post(
    "/lists/{commune_code}/{month}/adjustments",
    status_code=status.HTTP_201_CREATED,
    response_model=s.AddAdjustmentResponse,
    summary="Thêm dòng điều chỉnh cho một dòng của tháng đã khóa sổ",
    responses=_WRITE,
    openapi_extra=ADJUST.openapi,
)
async def add_adjustment(ids: ListIds, body: s.AddAdjustmentBody, call: Call) -> Any:
    """Dòng điều chỉnh trong danh sách dự thảo của tháng sau: chênh lệch giữa số đúng và số đã
    chi, kèm lý do và liên kết đến dòng được điều chỉnh."""
    return await call(ADJUST, body, **ids)


@router.get(
    "/explanations",
    response_model=s.ExplainMonthResponse,
    summary="Giải thích số tiền của một đối tượng trong một tháng",
    responses=_READ,
    openapi_extra=EXPLAIN.openapi,
)
async def explain_month(q: Annotated[s.ExplainMonthQuery, Query()], call: Call) -> Any:
    """Diện, hệ số, mức chuẩn, hỗ trợ chăm sóc, chính sách riêng của tỉnh và căn cứ pháp lý
    của từng phần; các thay đổi do tuổi trong tháng."""
    return await call(EXPLAIN, q)


@router.get(
    "/late-communes",
    response_model=s.ListLateCommunesResponse,
    summary="Các xã chậm chuyển danh sách chi trả",
    responses=_READ,
    openapi_extra=LATE.openapi,
)
async def late_communes(q: Annotated[s.ListLateCommunesQuery, Query()], call: Call) -> Any:
    """Danh sách tháng M phải duyệt trước ngày 25 tháng M−1 (Điều 34 Nghị định 20/2021/NĐ-CP)."""
    return await call(LATE, q)


@router.get(
    "/suspension-proposals",
    response_model=s.ListSuspensionProposalsResponse,
    summary="Đề xuất tạm dừng chi trả (3 tháng liên tiếp không nhận)",
    responses=_READ,
    openapi_extra=PROPOSALS.openapi,
)
async def suspension_proposals(
    q: Annotated[s.ListSuspensionProposalsQuery, Query()], call: Call
) -> Any:
    """Việc tạm dừng là quyết định trên hồ sơ đối tượng (Thông tư 02/2021/TT-BLĐTBXH)."""
    return await call(PROPOSALS, q)
