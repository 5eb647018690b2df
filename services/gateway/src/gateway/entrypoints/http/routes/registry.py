"""``/api/v1/beneficiaries``: the beneficiary registry over REST.

Every call is forwarded to the registry service (gRPC ``ansinh.registry.v1.RegistryService``,
backend ``registry`` of ``ANSINH_GRPC_BACKENDS``) with the caller's principal; the registry
checks scope and the field policy itself (a commune officer reaches their commune, a citizen
only their own record and personal fields — Circular 11/2019/TT-BLĐTBXH Art. 4.1). Its errors
come back as problem+json with Vietnamese ``detail`` and field paths of these bodies.

Records live in the shard of their province, so a record is addressed as
``/beneficiaries/{province_code}/{record_id}`` (both are in every search result).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable
from datetime import date
from typing import Annotated, Any, TypeVar
from urllib.parse import quote

from fastapi import APIRouter, Depends, File, Path, Query, Request, Response, UploadFile, status
from starlette.exceptions import HTTPException

from ansinh.common.v1 import common_pb2
from ansinh.registry.v1 import registry_pb2, registry_pb2_grpc
from ansinh_common.auth.principal import Principal, call_metadata
from ansinh_common.errors import FieldError, InvalidInput, Unavailable
from gateway.entrypoints.http import registry_schemas as s
from gateway.entrypoints.http.dependencies import CurrentPrincipal, GatewayDep
from gateway.entrypoints.http.schemas import problem_responses

router = APIRouter(prefix="/beneficiaries", tags=["beneficiaries"])

BACKEND = "registry"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MSG_NOT_CONFIGURED = "Dịch vụ quản lý đối tượng chưa được cấu hình trên cổng API."
T = TypeVar("T")

Province = Annotated[
    str, Path(pattern=s.PROVINCE, description="Mã tỉnh của hồ sơ.", examples=["01"])
]
RecordId = Annotated[str, Path(max_length=64, description="Mã hồ sơ (UUID).")]
PageSize = Annotated[int, Query(ge=1, le=500, description="Số bản ghi mỗi trang (mặc định 50).")]
PageToken = Annotated[str, Query(max_length=512, description="Mã trang tiếp theo.")]
_READ = problem_responses(401, 403, 404, 422, 503)
_WRITE = problem_responses(401, 403, 404, 409, 422, 503)
UNIT_DESC = "Mã xã (5 số) hoặc tỉnh (2 số); mặc định: đơn vị của cán bộ."
KIND_DESC = (
    "Loại biến động: new, death, stop, information, coefficient, move_out, move_in, "
    "move_cancelled (lặp lại tham số để chọn nhiều loại)."
)
MODE_DESC = (
    "`dry_run`: chỉ kiểm tra, không ghi; `apply`: ghi khi không có lỗi nào; "
    "`apply_valid_only`: ghi các dòng hợp lệ, trả lại các dòng lỗi."
)
_IMPORT_MODES = {
    "dry_run": registry_pb2.IMPORT_MODE_DRY_RUN,
    "apply": registry_pb2.IMPORT_MODE_APPLY,
    "apply_valid_only": registry_pb2.IMPORT_MODE_APPLY,
}
_XLSX_BODY = {"content": {XLSX: {"schema": {"type": "string", "format": "binary"}}}}


def _stub(gateway: GatewayDep) -> registry_pb2_grpc.RegistryServiceStub:
    channel = gateway.channels.get(BACKEND)
    if channel is None:
        raise Unavailable(MSG_NOT_CONFIGURED)
    return registry_pb2_grpc.RegistryServiceStub(channel)


Stub = Annotated[registry_pb2_grpc.RegistryServiceStub, Depends(_stub)]


async def _call(
    method: Callable[..., T],
    request: Any,
    principal: Principal,
    gateway: GatewayDep,
    *,
    timeout: float | None = None,
) -> T:
    """Run a blocking stub call off the event loop, on behalf of ``principal``."""
    timeout = timeout or gateway.settings.grpc_deadline_seconds
    metadata = call_metadata(principal)
    return await asyncio.to_thread(method, request, metadata=metadata, timeout=timeout)


# -- reading -------------------------------------------------------------------------------
@router.get(
    "",
    response_model=s.BeneficiaryPage,
    summary="Tìm kiếm đối tượng bảo trợ xã hội",
    responses=_READ,
)
async def search_beneficiaries(
    principal: CurrentPrincipal,
    stub: Stub,
    gateway: GatewayDep,
    name: Annotated[
        str | None, Query(max_length=255, description="Một phần họ tên, không phân biệt dấu.")
    ] = None,
    personal_id: Annotated[
        str | None, Query(max_length=12, description="Số định danh cá nhân (chính xác).")
    ] = None,
    unit_code: Annotated[str | None, Query(pattern=s.UNIT, description=UNIT_DESC)] = None,
    province_code: Annotated[
        str | None, Query(pattern=s.PROVINCE, description="Mã tỉnh cần tìm.")
    ] = None,
    category_code: Annotated[
        str | None, Query(max_length=10, description="Diện đối tượng, ví dụ `5.6`.")
    ] = None,
    status_: Annotated[
        s.Status | None, Query(alias="status", description="Trạng thái hồ sơ.")
    ] = None,
    page_size: PageSize = 50,
    page_token: PageToken = "",
) -> s.BeneficiaryPage:
    """Tìm hồ sơ theo họ tên, số định danh, đơn vị, diện và trạng thái, sắp xếp theo họ tên.
    Cán bộ xã chỉ thấy hồ sơ của xã mình, cán bộ tỉnh của tỉnh mình; công dân chỉ thấy hồ sơ
    của chính mình."""
    msg = registry_pb2.SearchRecordsRequest(
        province_code=province_code or "", name=name or "", personal_id=personal_id or "",
        unit_code=unit_code or "", category_code=category_code or "",
        status=s.STATUS_TO_PB[status_] if status_ else registry_pb2.RECORD_STATUS_UNSPECIFIED,
        page=common_pb2.PageRequest(page_size=page_size, page_token=page_token),
    )  # fmt: skip
    resp = await _call(stub.SearchRecords, msg, principal, gateway)
    return s.BeneficiaryPage(
        items=[s.beneficiary(r) for r in resp.records],
        next_page_token=resp.page.next_page_token,
        total=resp.page.total,
    )


@router.get(
    "/changes",
    response_model=s.ChangePage,
    summary="Biến động của một đơn vị trong một khoảng thời gian",
    responses=_READ,
)
async def list_changes(
    principal: CurrentPrincipal,
    stub: Stub,
    gateway: GatewayDep,
    unit_code: Annotated[str | None, Query(pattern=s.UNIT, description=UNIT_DESC)] = None,
    province_code: Annotated[str | None, Query(pattern=s.PROVINCE)] = None,
    kind: Annotated[list[str] | None, Query(description=KIND_DESC)] = None,
    effective_from: Annotated[date | None, Query(description="Hiệu lực từ ngày.")] = None,
    effective_to: Annotated[date | None, Query(description="Hiệu lực đến ngày.")] = None,
    page_size: PageSize = 50,
    page_token: PageToken = "",
) -> s.ChangePage:
    """Các biến động (tăng mới, cắt chết, thôi hưởng, thay đổi thông tin, thay đổi hệ số,
    chuyển đi/đến) của xã hoặc tỉnh, theo ngày hiệu lực; mới ghi nhận trước."""
    msg = registry_pb2.ListChangesRequest(
        province_code=province_code or "", unit_code=unit_code or "", kinds=kind or [],
        page=common_pb2.PageRequest(page_size=page_size, page_token=page_token),
    )  # fmt: skip
    if effective_from is not None:
        msg.effective_from.CopyFrom(s.pb_date(effective_from))
    if effective_to is not None:
        msg.effective_to.CopyFrom(s.pb_date(effective_to))
    resp = await _call(stub.ListChanges, msg, principal, gateway)
    return s.ChangePage(
        items=[s.change_entry(e) for e in resp.changes],
        next_page_token=resp.page.next_page_token,
        total=resp.page.total,
    )


@router.get(
    "/export",
    response_class=Response,
    summary="Xuất danh sách đối tượng của một xã ra tệp Excel",
    responses={200: {**_XLSX_BODY, "description": "Tệp Excel theo biểu mẫu."}, **_READ},
)
async def export_commune(
    principal: CurrentPrincipal,
    stub: Stub,
    gateway: GatewayDep,
    commune_code: Annotated[str, Query(pattern=r"^\d{5}$", description="Mã xã (danh mục 2025).")],
    period: Annotated[
        str | None, Query(pattern=s.MONTH, description="Kỳ dữ liệu YYYY-MM (mặc định tháng này).")
    ] = None,
    include_ended: Annotated[bool, Query(description="Gồm cả hồ sơ đã chấm dứt hưởng.")] = False,
) -> Response:
    """Tệp Excel theo biểu mẫu của Bộ (có danh sách chọn từ danh mục, dòng tiêu đề được khóa)
    để xã cập nhật ngoại tuyến rồi nhập lại (khoản 2 Điều 4 Thông tư 11/2019/TT-BLĐTBXH)."""
    msg = registry_pb2.ExportFileRequest(commune_code=commune_code, include_ended=include_ended)
    if period is not None:
        msg.period.CopyFrom(s.pb_month(period))
    timeout = gateway.settings.grpc_file_deadline_seconds
    resp = await _call(stub.ExportFile, msg, principal, gateway, timeout=timeout)
    return _xlsx(resp.content, resp.file_name or f"{commune_code}.xlsx", {"X-Rows": resp.rows})


@router.post(
    "/import",
    response_model=s.ImportReport,
    summary="Nhập tệp Excel của xã (chạy thử hoặc cập nhật)",
    responses={
        200: {**_XLSX_BODY, "description": "Báo cáo JSON, hoặc tệp lỗi khi yêu cầu bằng Accept."},
        **problem_responses(401, 403, 413, 422, 503),
    },
)
async def import_file(
    request: Request,
    principal: CurrentPrincipal,
    stub: Stub,
    gateway: GatewayDep,
    file: Annotated[UploadFile, File(description="Tệp .xlsx theo biểu mẫu.")],
    mode: Annotated[s.ImportMode, Query(description=MODE_DESC)] = "dry_run",
    signing_unit_code: Annotated[
        str | None, Query(max_length=255, description="Đơn vị ký mặc định cho dòng thiếu.")
    ] = None,
) -> Response | s.ImportReport:
    """Kiểm tra từng dòng (mọi lỗi theo dòng, cột, bằng tiếng Việt) và, nếu được yêu cầu, ghi
    các thay đổi trong một giao dịch. Gửi `Accept: application/vnd.openxmlformats-
    officedocument.spreadsheetml.sheet` để nhận tệp lỗi (các dòng bị từ chối kèm cột lỗi) làm
    nội dung phản hồi, tóm tắt ở các tiêu đề `X-Import-*`; không có lỗi thì trả báo cáo JSON."""
    content = await file.read(gateway.settings.import_max_bytes + 1)
    if len(content) > gateway.settings.import_max_bytes:
        raise HTTPException(status.HTTP_413_CONTENT_TOO_LARGE)
    if not content:
        raise InvalidInput(errors=[FieldError("file", "Tệp rỗng.", "required")])
    msg = registry_pb2.ImportFileRequest(
        mode=_IMPORT_MODES[mode], valid_rows_only=mode == "apply_valid_only", content=content,
        file_name=file.filename or "tep.xlsx", signing_unit_code=signing_unit_code or "",
    )  # fmt: skip
    timeout = gateway.settings.grpc_file_deadline_seconds
    result = await _call(_import_result(stub), msg, principal, gateway, timeout=timeout)
    report = s.import_report(mode, result)
    if result.error_workbook and XLSX in request.headers.get("accept", ""):
        headers = {
            "X-Import-Rows-Total": result.rows_total,
            "X-Import-Rows-Rejected": result.rows_rejected,
            "X-Import-Rows-Applied": result.rows_applied,
            "X-Import-Applied": str(result.applied).lower(),
            "X-Import-Error-Count": result.error_count,
        }
        return _xlsx(result.error_workbook, f"loi-{file.filename or 'tep.xlsx'}", headers)
    return report


def _import_result(
    stub: registry_pb2_grpc.RegistryServiceStub,
) -> Callable[..., registry_pb2.ImportResult]:
    """ImportFile streams progress, then one result: keep the result."""

    def call(request: Any, **kwargs: Any) -> registry_pb2.ImportResult:
        messages: Iterable[registry_pb2.ImportFileResponse] = stub.ImportFile(request, **kwargs)
        for message in messages:
            if message.WhichOneof("event") == "result":
                return message.result
        raise Unavailable("Dịch vụ quản lý đối tượng không trả kết quả nhập tệp.")

    return call


def _xlsx(content: bytes, file_name: str, headers: dict[str, Any]) -> Response:
    disposition = f"attachment; filename*=UTF-8''{quote(file_name)}"
    extra = {k: str(v) for k, v in headers.items()}
    return Response(content, media_type=XLSX, headers={"Content-Disposition": disposition, **extra})


@router.get(
    "/{province_code}/{record_id}",
    response_model=s.BeneficiaryDetail,
    summary="Hồ sơ đối tượng (hiện tại hoặc tại một ngày)",
    responses=_READ,
)
async def get_beneficiary(
    province_code: Province,
    record_id: RecordId,
    principal: CurrentPrincipal,
    stub: Stub,
    gateway: GatewayDep,
    as_of: Annotated[
        date | None, Query(description="Hồ sơ như tại ngày này (trống: hiện tại).")
    ] = None,
) -> s.BeneficiaryDetail:
    """Trạng thái hồ sơ (hiện tại, hoặc tại ngày `as_of` theo các biến động có hiệu lực đến
    ngày đó), các nhận xét chất lượng dữ liệu và tiến trình chuyển đi nếu có."""
    msg = registry_pb2.GetRecordRequest(record_id=record_id, province_code=province_code)
    if as_of is not None:
        msg.as_of.CopyFrom(s.pb_date(as_of))
    resp = await _call(stub.GetRecord, msg, principal, gateway)
    return s.detail(resp, as_of)


@router.get(
    "/{province_code}/{record_id}/history",
    response_model=s.History,
    summary="Lịch sử biến động của hồ sơ",
    responses=_READ,
)
async def get_history(
    province_code: Province,
    record_id: RecordId,
    principal: CurrentPrincipal,
    stub: Stub,
    gateway: GatewayDep,
) -> s.History:
    """Toàn bộ biến động theo thứ tự ghi nhận: ngày hiệu lực, lý do, quyết định, người ghi."""
    msg = registry_pb2.GetHistoryRequest(record_id=record_id, province_code=province_code)
    resp = await _call(stub.GetHistory, msg, principal, gateway)
    return s.History(
        record_id=record_id,
        province_code=province_code,
        changes=[s.change(c) for c in resp.changes],
    )


# -- changes -------------------------------------------------------------------------------
@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=s.Beneficiary,
    summary="Tăng mới đối tượng",
    responses=_WRITE,
)
async def register_beneficiary(
    body: s.NewBeneficiaryIn, principal: CurrentPrincipal, stub: Stub, gateway: GatewayDep
) -> s.Beneficiary:
    """Tạo hồ sơ mới tại tỉnh nơi cư trú, kèm quyết định (số, ngày ký, đơn vị ký). Hệ số phải
    đúng danh mục theo diện và điều kiện; mỗi người chỉ có một hồ sơ đang hưởng cho mỗi diện
    trên toàn quốc (409). Gửi lại với cùng `record_id` không tạo thêm hồ sơ."""
    msg = registry_pb2.RegisterBeneficiaryRequest(
        person=s.pb_person(body.person), category_code=body.category_code,
        category_condition=body.category_condition, coefficient=body.coefficient,
        decision=s.pb_decision(body.decision), reason=body.reason or "",
        care_support=s.pb_care_support(body.care_support), record_id=body.record_id or "",
    )  # fmt: skip
    if body.children is not None:
        msg.children = body.children
    if body.disability is not None:
        msg.disability.CopyFrom(s.pb_disability(body.disability))
    if body.payment is not None:
        msg.payment.CopyFrom(s.pb_payment(body.payment))
    if body.start_month is not None:
        msg.start_month.CopyFrom(s.pb_month(body.start_month))
    resp = await _call(stub.RegisterBeneficiary, msg, principal, gateway)
    return s.beneficiary(resp.record)


@router.post(
    "/{province_code}/{record_id}/death",
    response_model=s.Beneficiary,
    summary="Cắt chết",
    responses=_WRITE,
)
async def record_death(
    province_code: Province,
    record_id: RecordId,
    body: s.DeathIn,
    principal: CurrentPrincipal,
    stub: Stub,
    gateway: GatewayDep,
) -> s.Beneficiary:
    """Ghi nhận đối tượng qua đời theo quyết định; dừng chi trả từ tháng sau tháng mất."""
    msg = registry_pb2.RecordDeathRequest(
        record_id=record_id, province_code=province_code, died_on=s.pb_date(body.died_on),
        decision=s.pb_decision(body.decision), reason=body.reason or "",
    )  # fmt: skip
    resp = await _call(stub.RecordDeath, msg, principal, gateway)
    return s.beneficiary(resp.record)


@router.post(
    "/{province_code}/{record_id}/stop",
    response_model=s.Beneficiary,
    summary="Thôi hưởng",
    responses=_WRITE,
)
async def stop_benefit(
    province_code: Province,
    record_id: RecordId,
    body: s.StopIn,
    principal: CurrentPrincipal,
    stub: Stub,
    gateway: GatewayDep,
) -> s.Beneficiary:
    """Thôi hưởng trợ cấp theo quyết định; dừng chi trả từ tháng sau tháng không còn đủ điều
    kiện."""
    msg = registry_pb2.StopBenefitRequest(
        record_id=record_id, province_code=province_code, stopped_on=s.pb_date(body.stopped_on),
        decision=s.pb_decision(body.decision), reason=body.reason,
    )  # fmt: skip
    resp = await _call(stub.StopBenefit, msg, principal, gateway)
    return s.beneficiary(resp.record)


@router.post(
    "/{province_code}/{record_id}/coefficient-change",
    response_model=s.Beneficiary,
    summary="Thay đổi hệ số hưởng (diện, mức độ khuyết tật, hỗ trợ chăm sóc)",
    responses=_WRITE,
)
async def change_coefficient(
    province_code: Province,
    record_id: RecordId,
    body: s.CoefficientChangeIn,
    principal: CurrentPrincipal,
    stub: Stub,
    gateway: GatewayDep,
) -> s.Beneficiary:
    """Thay đổi thông tin về chính sách, chỉ cơ quan có thẩm quyền thực hiện, kèm quyết định;
    công dân gửi yêu cầu này bị từ chối (403, khoản 1 Điều 4 Thông tư 11/2019/TT-BLĐTBXH)."""
    msg = registry_pb2.ChangeCoefficientRequest(
        record_id=record_id, province_code=province_code, coefficient=body.coefficient,
        condition_met_on=s.pb_date(body.condition_met_on),
        decision=s.pb_decision(body.decision), reason=body.reason or "",
        category_code=body.category_code or "", category_condition=body.category_condition or "",
        replace_care_support=body.care_support is not None,
        care_support=s.pb_care_support(body.care_support or []),
    )  # fmt: skip
    if body.children is not None:
        msg.children = body.children
    if body.disability is not None:
        msg.disability.CopyFrom(s.pb_disability(body.disability))
    resp = await _call(stub.ChangeCoefficient, msg, principal, gateway)
    return s.beneficiary(resp.record)


@router.patch(
    "/{province_code}/{record_id}",
    response_model=s.InformationChanged,
    summary="Thay đổi thông tin",
    responses=_WRITE,
)
async def change_information(
    province_code: Province,
    record_id: RecordId,
    body: s.InformationPatch,
    principal: CurrentPrincipal,
    stub: Stub,
    gateway: GatewayDep,
) -> s.InformationChanged:
    """Cập nhật các trường được gửi; chỉ ghi nhận những giá trị thực sự thay đổi. Công dân
    chỉ được cập nhật thông tin cá nhân (họ tên, ngày sinh, giới tính, số định danh, dân tộc,
    điện thoại, địa chỉ) của chính mình; thông tin về chính sách (khuyết tật, chi trả) bị từ
    chối với 403 (khoản 1 Điều 4 Thông tư 11/2019/TT-BLĐTBXH)."""
    msg = registry_pb2.ChangeInformationRequest(
        record_id=record_id, province_code=province_code, reason=body.reason or "",
        **s.optional_fields(
            full_name=body.full_name, gender=body.gender, personal_id=body.personal_id,
            ethnicity_code=body.ethnicity_code, phone=body.phone, address=body.address,
            disability_type_code=body.disability_type_code,
            disability_level_code=body.disability_level_code,
        ),
    )  # fmt: skip
    if body.birth_date is not None:
        msg.birth_date.CopyFrom(s.pb_date(body.birth_date))
    if body.effective_on is not None:
        msg.effective_on.CopyFrom(s.pb_date(body.effective_on))
    if body.decision is not None:
        msg.decision.CopyFrom(s.pb_decision(body.decision))
    if body.payment is not None:
        msg.payment.CopyFrom(s.pb_payment(body.payment))
    resp = await _call(stub.ChangeInformation, msg, principal, gateway)
    return s.InformationChanged(changed=resp.changed, record=s.beneficiary(resp.record))


@router.post(
    "/{province_code}/{record_id}/move",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=s.MoveStarted,
    summary="Chuyển nơi cư trú (chuyển đi / chuyển đến)",
    responses=_WRITE,
)
async def request_move(
    province_code: Province,
    record_id: RecordId,
    body: s.MoveIn,
    principal: CurrentPrincipal,
    stub: Stub,
    gateway: GatewayDep,
) -> s.MoveStarted:
    """Bắt đầu chuyển hồ sơ sang nơi cư trú mới, với quyết định của nơi đi và nơi đến. Việc
    chuyển diễn ra bất đồng bộ; theo dõi qua trường `move` của hồ sơ."""
    msg = registry_pb2.RequestMoveRequest(
        record_id=record_id, province_code=province_code,
        destination=s.pb_residence(body.destination), effective_on=s.pb_date(body.effective_on),
        move_out_decision=s.pb_decision(body.move_out_decision),
        move_in_decision=s.pb_decision(body.move_in_decision), reason=body.reason or "",
        move_id=body.move_id or "",
    )  # fmt: skip
    resp = await _call(stub.RequestMove, msg, principal, gateway)
    return s.MoveStarted(move_id=resp.move_id)
