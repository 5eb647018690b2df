"""``/api/v1/reports``: reports of the reporting service's read models (ADR 0022).

The reporting service checks that the reader may read the unit (a province officer reads
their province and its communes; the ministry the whole country) and answers from its read
models, never from the provinces' shards.
"""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Query, Response

from ansinh.reporting.v1 import reporting_pb2 as pb
from gateway.adapters.backends import Service
from gateway.entrypoints.http.backend import Call
from gateway.entrypoints.http.reports import schemas as s
from gateway.entrypoints.http.schemas import problem_responses

router = APIRouter(prefix="/reports", tags=["reports"])
REPORTING = Service(pb, "ReportingService", backend="reporting")
BENEFICIARIES = REPORTING.rpc("GetBeneficiariesReport")
QUALITY = REPORTING.rpc("GetDataQualityReport")
EXPORT = REPORTING.typed(
    "ExportBeneficiariesReport", pb.GetBeneficiariesReportRequest, pb.ReportFile
)
POVERTY = REPORTING.rpc("GetPovertyReport")
PROCEDURES = REPORTING.rpc("GetProceduresReport")
QUALITY_PROGRESS = REPORTING.rpc("GetDataQualityProgress")
BUDGET = REPORTING.rpc("GetBudgetReport")
EXPORT_POVERTY = REPORTING.typed("ExportPovertyReport", pb.GetUnitReportRequest, pb.ReportFile)
EXPORT_PROCEDURES = REPORTING.typed(
    "ExportProceduresReport", pb.GetUnitReportRequest, pb.ReportFile
)
EXPORT_BUDGET = REPORTING.typed("ExportBudgetReport", pb.GetUnitReportRequest, pb.ReportFile)
EXPORT_PROGRESS = REPORTING.typed(
    "ExportDataQualityProgress", pb.GetDataQualityProgressRequest, pb.ReportFile
)
SYNC_GAP = REPORTING.rpc("GetProvincialSyncGap")
EXPORT_SYNC_GAP = REPORTING.typed(
    "ExportProvincialSyncGap", pb.GetProvincialSyncGapRequest, pb.ReportFile
)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_READ = problem_responses(401, 403, 422, 503)


@router.get(
    "/beneficiaries",
    response_model=s.BeneficiariesReport,
    summary="Báo cáo đối tượng bảo trợ xã hội theo tháng",
    responses=_READ,
    openapi_extra=BENEFICIARIES.openapi,
)
async def beneficiaries_report(
    q: Annotated[s.GetBeneficiariesReportQuery, Query()], call: Call
) -> Any:
    """Số đối tượng hưởng trong tháng của xã, huyện (trước 7/2025), tỉnh hoặc cả nước: theo
    diện, giới tính, nhóm tuổi, dân tộc, mức độ khuyết tật; biến động trong tháng; hộ nhận
    chăm sóc. Đơn vị sáp nhập năm 2025 báo cáo theo mã mới từ tháng 7/2025, mã cũ trước đó."""
    return await call(BENEFICIARIES, q)


@router.get(
    "/data-quality",
    response_model=s.DataQualityReport,
    summary="Chiến dịch làm sạch dữ liệu: mức đầy đủ và xếp hạng đơn vị",
    responses=_READ,
    openapi_extra=QUALITY.openapi,
)
async def data_quality_report(
    q: Annotated[s.GetDataQualityReportQuery, Query()], call: Call
) -> Any:
    """Tỷ lệ hồ sơ có đủ từng trường bắt buộc (số định danh, giới tính, dân tộc, dạng tật,
    số và ngày quyết định, tài khoản nhận tiền) của các tỉnh (hoặc các xã của một tỉnh),
    xếp hạng từ tốt nhất."""
    return await call(QUALITY, q)


@router.get(
    "/data-quality/progress",
    response_model=s.DataQualityProgress,
    summary="Chiến dịch làm sạch dữ liệu: tiến độ theo tháng và xếp hạng từng tháng",
    responses=_READ,
    openapi_extra=QUALITY_PROGRESS.openapi,
)
async def data_quality_progress(
    q: Annotated[s.GetDataQualityProgressQuery, Query()], call: Call
) -> Any:
    """Số liệu chốt theo tháng của chiến dịch làm sạch dữ liệu cho các tỉnh (hoặc các xã của
    một tỉnh) từ tháng `since`: tỷ lệ có đủ từng trường bắt buộc, điểm và thứ hạng trong
    tháng."""
    return await call(QUALITY_PROGRESS, q)


@router.get(
    "/beneficiaries.xlsx",
    response_class=Response,
    summary="Báo cáo đối tượng theo tháng — biểu mẫu Excel (in trên một trang A4)",
    responses={200: {"content": {XLSX: {}}, "description": "Tệp Excel."}, **_READ},
    openapi_extra=EXPORT.openapi,
)
async def beneficiaries_form(
    q: Annotated[s.GetBeneficiariesReportQuery, Query()], call: Call
) -> Response:
    """Cùng số liệu với báo cáo JSON, theo biểu mẫu tiếng Việt, có nơi ký của người lập biểu
    và thủ trưởng đơn vị."""
    return _xlsx(await call.message(EXPORT, call.request(EXPORT, q)))


@router.get(
    "/poverty",
    response_model=s.PovertyReport,
    summary="Báo cáo hộ nghèo, hộ cận nghèo theo tháng",
    responses=_READ,
    openapi_extra=POVERTY.openapi,
)
async def poverty_report(q: Annotated[s.GetUnitReportQuery, Query()], call: Call) -> Any:
    """Số hộ nghèo, cận nghèo và tỷ lệ của xã, tỉnh hoặc cả nước tính đến hết tháng; hộ phát
    sinh và thoát nghèo, cận nghèo trong tháng; số hộ thiếu hụt theo từng chỉ số. Chỉ tài
    khoản thuộc lĩnh vực giảm nghèo được xem; dùng danh mục đơn vị 2025 (không có cấp huyện)."""
    return await call(POVERTY, q)


@router.get(
    "/poverty.xlsx",
    response_class=Response,
    summary="Báo cáo hộ nghèo, hộ cận nghèo — biểu mẫu Excel (một trang A4)",
    responses={200: {"content": {XLSX: {}}, "description": "Tệp Excel."}, **_READ},
    openapi_extra=EXPORT_POVERTY.openapi,
)
async def poverty_form(q: Annotated[s.GetUnitReportQuery, Query()], call: Call) -> Response:
    """Cùng số liệu với báo cáo JSON, theo biểu mẫu tiếng Việt có nơi ký."""
    return _xlsx(await call.message(EXPORT_POVERTY, call.request(EXPORT_POVERTY, q)))


@router.get(
    "/procedures",
    response_model=s.ProceduresReport,
    summary="Báo cáo tình hình giải quyết thủ tục hành chính theo tháng",
    responses=_READ,
    openapi_extra=PROCEDURES.openapi,
)
async def procedures_report(q: Annotated[s.GetUnitReportQuery, Query()], call: Call) -> Any:
    """Hồ sơ tiếp nhận, giải quyết đúng hạn, trễ hạn và đang giải quyết trong tháng theo thủ
    tục, kênh tiếp nhận và đơn vị cấp dưới; thời gian trung bình và phân vị 90 của từng bước.
    Cấp huyện chỉ cho các tháng trước 7/2025."""
    return await call(PROCEDURES, q)


@router.get(
    "/procedures.xlsx",
    response_class=Response,
    summary="Báo cáo giải quyết thủ tục hành chính — biểu mẫu Excel (một trang A4)",
    responses={200: {"content": {XLSX: {}}, "description": "Tệp Excel."}, **_READ},
    openapi_extra=EXPORT_PROCEDURES.openapi,
)
async def procedures_form(q: Annotated[s.GetUnitReportQuery, Query()], call: Call) -> Response:
    """Cùng số liệu với báo cáo JSON, theo biểu mẫu tiếng Việt có nơi ký."""
    return _xlsx(await call.message(EXPORT_PROCEDURES, call.request(EXPORT_PROCEDURES, q)))


@router.get(
    "/budget",
    response_model=s.BudgetReport,
    summary="Báo cáo kinh phí chi trả trợ cấp theo tháng",
    responses=_READ,
    openapi_extra=BUDGET.openapi,
)
async def budget_report(q: Annotated[s.GetUnitReportQuery, Query()], call: Call) -> Any:
    """Số phải trả, đã phê duyệt, đã chi trả theo kênh và chưa chi trả được trong tháng của xã,
    huyện (trước 7/2025), tỉnh hoặc cả nước; theo diện đối tượng và kênh chi trả, truy lĩnh
    tách riêng; tỷ lệ chi trả qua tài khoản so với tiền mặt."""
    return await call(BUDGET, q)


@router.get(
    "/budget.xlsx",
    response_class=Response,
    summary="Báo cáo kinh phí chi trả trợ cấp — biểu mẫu Excel (một trang A4)",
    responses={200: {"content": {XLSX: {}}, "description": "Tệp Excel."}, **_READ},
    openapi_extra=EXPORT_BUDGET.openapi,
)
async def budget_form(q: Annotated[s.GetUnitReportQuery, Query()], call: Call) -> Response:
    """Cùng số liệu với báo cáo JSON, theo biểu mẫu tiếng Việt có nơi ký."""
    return _xlsx(await call.message(EXPORT_BUDGET, call.request(EXPORT_BUDGET, q)))


@router.get(
    "/data-quality/progress.xlsx",
    response_class=Response,
    summary="Tiến độ làm sạch dữ liệu theo tháng — biểu mẫu Excel (khổ A4 ngang)",
    responses={200: {"content": {XLSX: {}}, "description": "Tệp Excel."}, **_READ},
    openapi_extra=EXPORT_PROGRESS.openapi,
)
async def data_quality_progress_form(
    q: Annotated[s.GetDataQualityProgressQuery, Query()], call: Call
) -> Response:
    """Biểu mẫu tỉnh gửi Bộ khi kết thúc chiến dịch làm sạch dữ liệu: điểm của từng đơn vị
    theo tháng (tối đa 6 tháng gần nhất) và xếp hạng tháng gần nhất theo từng trường."""
    return _xlsx(await call.message(EXPORT_PROGRESS, call.request(EXPORT_PROGRESS, q)))


@router.get(
    "/provincial-sync-gap",
    response_model=s.ProvincialSyncGap,
    summary="Chênh lệch hồ sơ với hệ thống một cửa của các tỉnh đồng bộ hai chiều",
    responses=problem_responses(401, 403, 409, 422, 503),
    openapi_extra=SYNC_GAP.openapi,
)
async def provincial_sync_gap(
    q: Annotated[s.GetProvincialSyncGapQuery, Query()], call: Call
) -> Any:
    """Tính đến hết tháng: hồ sơ có ở hệ thống một cửa của tỉnh nhưng chưa có ở hệ thống, và
    hồ sơ có ở hệ thống nhưng chưa từng gửi sang tỉnh; theo tỉnh và theo thủ tục, kèm danh
    sách theo trang. Chỉ các tỉnh đồng bộ hai chiều (tỉnh khác: 409)."""
    return await call(SYNC_GAP, q)


@router.get(
    "/provincial-sync-gap.xlsx",
    response_class=Response,
    summary="Chênh lệch hồ sơ đồng bộ với tỉnh — biểu mẫu Excel (khổ A4)",
    responses={
        200: {"content": {XLSX: {}}, "description": "Tệp Excel."},
        **problem_responses(401, 403, 409, 422, 503),
    },
    openapi_extra=EXPORT_SYNC_GAP.openapi,
)
async def provincial_sync_gap_form(
    q: Annotated[s.GetProvincialSyncGapQuery, Query()], call: Call
) -> Response:
    """Cùng số liệu với báo cáo JSON (trang danh sách được hỏi), theo biểu mẫu có nơi ký."""
    return _xlsx(await call.message(EXPORT_SYNC_GAP, call.request(EXPORT_SYNC_GAP, q)))


def _xlsx(out: pb.ReportFile) -> Response:
    disposition = f"attachment; filename*=UTF-8''{quote(out.file_name)}"
    return Response(out.content, media_type=XLSX, headers={"Content-Disposition": disposition})
