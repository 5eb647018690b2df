"""``/api/v1/poverty``: poor and near-poor households over REST (``PovertyService``).

Each route maps its REST body to the request message and the answer back (models generated
from the protos in ``schemas``); the poverty service checks access itself: households are
records of the poverty field, so an account holding only the social-assistance domain is
refused (ADR 0006). A household lives in the shard of its province:
``/poverty/households/{province_code}/{household_id}``.
"""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, File, Path, Query, Response, UploadFile, status

from ansinh.poverty.v1 import poverty_pb2 as pb
from gateway.adapters.backends import Service
from gateway.entrypoints.http.backend import Call
from gateway.entrypoints.http.dependencies import GatewayDep
from gateway.entrypoints.http.poverty import schemas as s
from gateway.entrypoints.http.proto_rest.mapping import to_rest
from gateway.entrypoints.http.schemas import problem_responses
from gateway.entrypoints.http.uploads import read_upload

router = APIRouter(prefix="/poverty", tags=["poverty"])
POVERTY = Service(pb, "PovertyService", backend="poverty")
REGISTER = POVERTY.rpc("RegisterHousehold")
GET_HOUSEHOLD = POVERTY.rpc("GetHousehold")
RECORD_STATUS = POVERTY.rpc("RecordStatus")
PERSON_STATUS = POVERTY.rpc("GetPersonStatus")
CERTIFICATE = POVERTY.typed(
    "IssueCertificate", pb.IssueCertificateRequest, pb.IssueCertificateResponse
)
START_REVIEW = POVERTY.rpc("StartReview")
ADD_TO_REVIEW = POVERTY.rpc("AddReviewHousehold")
ACT_ON_REVIEW = POVERTY.rpc("ActOnReview")
GET_REVIEW = POVERTY.rpc("GetReview")
FILE_REQUEST = POVERTY.rpc("FileRequest")
EXPORT_LIST = POVERTY.typed("ExportReviewList", pb.ExportReviewListRequest, pb.ExcelFile)
IMPORT_LIST = POVERTY.rpc("ImportReviewList")
REPORT = POVERTY.typed("GetReviewReport", pb.GetReviewReportRequest, pb.GetReviewReportResponse)
LATE_UNITS = POVERTY.rpc("ListLateUnits")
SURVEY_FORM = POVERTY.rpc("GetSurveyForm")
LIST_REVIEWS = POVERTY.rpc("ListReviews")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_FILE: dict[int | str, dict[str, Any]] = {200: {"content": {XLSX: {}}, "description": "Tệp Excel."}}
Province = Annotated[str, Path(pattern=r"^\d{2}$", description="Mã tỉnh của hộ.", examples=["01"])]
HouseholdId = Annotated[str, Path(max_length=64, description="Mã hộ (UUID).")]
_READ = problem_responses(401, 403, 404, 422, 503)
_WRITE = problem_responses(401, 403, 404, 409, 422, 503)


async def _household_ids(province_code: Province, household_id: HouseholdId) -> dict[str, str]:
    return {"province_code": province_code, "household_id": household_id}


HouseholdIds = Annotated[dict[str, str], Depends(_household_ids)]
ReviewId = Annotated[str, Path(max_length=64, description="Mã kỳ rà soát (UUID).")]


async def _review_ids(province_code: Province, review_id: ReviewId) -> dict[str, str]:
    return {"province_code": province_code, "review_id": review_id}


ReviewIds = Annotated[dict[str, str], Depends(_review_ids)]


@router.post(
    "/households",
    status_code=status.HTTP_201_CREATED,
    response_model=s.RegisterHouseholdResponse,
    summary="Đăng ký hộ gia đình",
    responses=_WRITE,
    openapi_extra=REGISTER.openapi,
)
async def register_household(body: s.RegisterHouseholdBody, call: Call) -> Any:
    """Đăng ký hộ với chủ hộ và các thành viên (số định danh, quan hệ, ngày sinh, giới tính,
    dân tộc), nơi cư trú và khu vực thành thị hoặc nông thôn."""
    return await call(REGISTER, body)


@router.get(
    "/households/{province_code}/{household_id}",
    response_model=s.GetHouseholdResponse,
    summary="Thông tin hộ, diện hộ tại một ngày và lịch sử quyết định",
    responses=_READ,
    openapi_extra=GET_HOUSEHOLD.openapi,
)
async def get_household(
    ids: HouseholdIds, q: Annotated[s.GetHouseholdQuery, Query()], call: Call
) -> Any:
    """Hộ, các thành viên, mọi quyết định (số, ngày hiệu lực, người ký) và diện hộ tại ngày
    tra cứu; chỉ tài khoản thuộc lĩnh vực giảm nghèo được xem."""
    return await call(GET_HOUSEHOLD, q, **ids)


@router.post(
    "/households/{province_code}/{household_id}/status",
    response_model=s.RecordStatusResponse,
    summary="Ghi nhận quyết định công nhận diện hộ",
    responses=_WRITE,
    openapi_extra=RECORD_STATUS.openapi,
)
async def record_status(ids: HouseholdIds, body: s.RecordStatusBody, call: Call) -> Any:
    """Ghi quyết định của Chủ tịch UBND xã (hộ nghèo, cận nghèo, thoát nghèo …) vào lịch sử;
    chuẩn nghèo phải là chuẩn của năm rà soát."""
    return await call(RECORD_STATUS, body, **ids)


@router.get(
    "/status",
    response_model=s.GetPersonStatusResponse,
    summary="Tra cứu một người có thuộc hộ nghèo, hộ cận nghèo tại một ngày",
    responses=_READ,
    openapi_extra=PERSON_STATUS.openapi,
)
async def person_status(q: Annotated[s.GetPersonStatusQuery, Query()], call: Call) -> Any:
    """Trả lời theo lịch sử quyết định tại ngày tra cứu (dùng cho các diện 5.3, 5.4, 5.5a,
    5.5b, 5.7, 5.8 của trợ giúp xã hội)."""
    return await call(PERSON_STATUS, q)


@router.post(
    "/households/{province_code}/{household_id}/certificates",
    response_class=Response,
    summary="Cấp giấy chứng nhận hộ nghèo, hộ cận nghèo (PDF)",
    responses={201: {"content": {"application/pdf": {}}, "description": "Tệp PDF."}, **_WRITE},
    status_code=status.HTTP_201_CREATED,
    openapi_extra=CERTIFICATE.openapi,
)
async def issue_certificate(
    ids: HouseholdIds, body: s.IssueCertificateBody, call: Call
) -> Response:
    """Giấy chứng nhận đánh số `Số …/GCN-HN.HCN` theo xã và năm; số ở tiêu đề
    `X-Certificate-Number` (mã hóa URL, UTF-8)."""
    out = await call.message(CERTIFICATE, call.request(CERTIFICATE, body, **ids))
    number = quote(out.certificate_number, safe="")
    headers = {
        "X-Certificate-Number": number,
        "Content-Disposition": f"attachment; filename*=UTF-8''{number}.pdf",
    }
    return Response(out.pdf, status_code=201, media_type="application/pdf", headers=headers)


# -- reviews (campaigns) ---------------------------------------------------------------------
@router.post(
    "/reviews",
    status_code=status.HTTP_201_CREATED,
    response_model=s.StartReviewResponse,
    summary="Bắt đầu kỳ rà soát hộ nghèo, hộ cận nghèo của xã",
    responses=_WRITE,
    openapi_extra=START_REVIEW.openapi,
)
async def start_review(body: s.StartReviewBody, call: Call) -> Any:
    """Rà soát định kỳ (1/9 – 14/12) hoặc thường xuyên (hằng tháng từ ngày 15); chuẩn nghèo
    là chuẩn của năm rà soát."""
    return await call(START_REVIEW, body)


@router.get(
    "/reviews/{province_code}",
    response_model=s.ListReviewsResponse,
    summary="Các kỳ rà soát của một xã trong năm",
    responses=_READ,
    openapi_extra=LIST_REVIEWS.openapi,
)
async def list_reviews(
    province_code: Province, q: Annotated[s.ListReviewsQuery, Query()], call: Call
) -> Any:
    """Mới nhất trước, kèm bước hiện tại và số hộ trong danh sách rà soát."""
    return await call(LIST_REVIEWS, q, province_code=province_code)


@router.get(
    "/reviews/{province_code}/{review_id}",
    response_model=s.ReviewResponse,
    summary="Kỳ rà soát: bước hiện tại, các hộ và kết quả",
    responses=_READ,
    openapi_extra=GET_REVIEW.openapi,
)
async def get_review(ids: ReviewIds, call: Call) -> Any:
    """Bước hiện tại, từng hộ với diện đề xuất, số lần quay lại khảo sát và quyết định."""
    return await call(GET_REVIEW, ids)


@router.post(
    "/reviews/{province_code}/{review_id}/households",
    response_model=s.ReviewResponse,
    summary="Bước 1: đưa hộ vào danh sách rà soát (kèm Mẫu 01 hoặc Mẫu 04 nếu có)",
    responses=_WRITE,
    openapi_extra=ADD_TO_REVIEW.openapi,
)
async def add_review_household(ids: ReviewIds, body: s.AddReviewHouseholdBody, call: Call) -> Any:
    """Hộ nghèo, cận nghèo hiện có hoặc hộ có giấy đề nghị (nộp trực tuyến hoặc tại xã)."""
    return await call(ADD_TO_REVIEW, body, **ids)


@router.post(
    "/reviews/{province_code}/{review_id}/steps",
    response_model=s.ReviewResponse,
    summary="Thực hiện một bước của kỳ rà soát (theo trình tự)",
    responses=_WRITE,
    openapi_extra=ACT_ON_REVIEW.openapi,
)
async def act_on_review(ids: ReviewIds, body: s.ActOnReviewBody, call: Call) -> Any:
    """Chốt danh sách, Phiếu A, khảo sát chấm điểm, họp dân thôn, niêm yết và khiếu nại, ý
    kiến cấp huyện, quyết định; sai trình tự → 409, sai vai trò hoặc đơn vị → 403."""
    return await call(ACT_ON_REVIEW, body, **ids)


@router.post(
    "/requests",
    status_code=status.HTTP_201_CREATED,
    response_model=s.FileRequestResponse,
    summary="Nộp giấy đề nghị rà soát (Mẫu 01) hoặc công nhận thoát nghèo (Mẫu 04)",
    responses=_WRITE,
    openapi_extra=FILE_REQUEST.openapi,
)
async def file_request(body: s.FileRequestBody, call: Call) -> Any:
    """Công dân nộp trực tuyến cho hộ mà mình là thành viên; cán bộ xã nhận tại bộ phận một
    cửa. Giấy đề nghị được đưa vào danh sách rà soát kỳ tới của xã (bước 1)."""
    return await call(FILE_REQUEST, body)


def _xlsx(content: bytes, file_name: str) -> Response:
    disposition = f"attachment; filename*=UTF-8''{quote(file_name)}"
    return Response(content, media_type=XLSX, headers={"Content-Disposition": disposition})


@router.get(
    "/reviews/{province_code}/{review_id}/list.xlsx",
    response_class=Response,
    summary="Xuất danh sách hộ rà soát và kết quả khảo sát ra tệp Excel",
    responses={**_FILE, **_READ},
    openapi_extra=EXPORT_LIST.openapi,
)
async def export_review_list(ids: ReviewIds, call: Call) -> Response:
    """Trang “Danh sách rà soát” (mỗi hộ một dòng: đề nghị, Phiếu A, khảo sát) và trang
    “Thành viên” (thông tin từng thành viên) để xã điền ngoại tuyến rồi nhập lại."""
    out = await call.message(EXPORT_LIST, call.request(EXPORT_LIST, ids))
    return _xlsx(out.content, out.file_name)


@router.post(
    "/reviews/{province_code}/{review_id}/list",
    response_model=s.ImportReviewListResponse,
    summary="Nhập tệp Excel danh sách rà soát và kết quả khảo sát",
    responses=problem_responses(401, 403, 404, 413, 422, 503),
    openapi_extra=IMPORT_LIST.openapi,
)
async def import_review_list(
    ids: ReviewIds,
    file: Annotated[UploadFile, File(description="Tệp .xlsx đã xuất và điền.")],
    call: Call,
    gateway: GatewayDep,
) -> Any:
    """Kiểm tra mọi dòng; dòng hợp lệ được cập nhật trọn vẹn qua các bước rà soát (như API),
    dòng lỗi trả về theo trang, dòng, cột kèm tệp lỗi. Chạy đồng bộ: tệp cỡ một xã."""
    content = await read_upload(file, gateway.settings.import_max_bytes)
    timeout = gateway.settings.grpc_file_deadline_seconds
    out = await call.message(IMPORT_LIST, call.request(IMPORT_LIST, {"content": content}, **ids),
                             timeout=timeout)  # fmt: skip
    return to_rest(out)


@router.get(
    "/reports/{province_code}/review.xlsx",
    response_class=Response,
    summary="Báo cáo kết quả rà soát hộ nghèo, hộ cận nghèo của xã hoặc tỉnh (Excel)",
    responses={**_FILE, **_READ},
    openapi_extra=REPORT.openapi,
)
async def review_report(
    province_code: Province, q: Annotated[s.GetReviewReportQuery, Query()], call: Call
) -> Response:
    """Số hộ và tỷ lệ hộ nghèo, cận nghèo, hộ phát sinh và thoát nghèo, thiếu hụt theo chỉ
    số; của cả tỉnh kèm từng xã. Khổ A4."""
    out = await call.message(REPORT, call.request(REPORT, q, province_code=province_code))
    return _xlsx(out.content, out.file_name)


@router.get(
    "/late-units",
    response_model=s.ListLateUnitsResponse,
    summary="Các đơn vị chậm báo cáo kết quả rà soát",
    responses=_READ,
    openapi_extra=LATE_UNITS.openapi,
)
async def late_units(q: Annotated[s.ListLateUnitsQuery, Query()], call: Call) -> Any:
    """Báo cáo tháng (ngày 5, tháng 2 – 9), sơ bộ năm (trước 15/11), chính thức (trước
    20/12): các xã của tỉnh, hoặc các tỉnh (cấp Bộ), chưa có kết quả khi đã quá hạn."""
    return await call(LATE_UNITS, q)


@router.get(
    "/standards/{standard_code}/survey-form",
    response_model=s.SurveyForm,
    summary="Phiếu khảo sát theo chuẩn nghèo: các chỉ số và câu hỏi Phiếu B",
    responses=_READ,
    openapi_extra=SURVEY_FORM.openapi,
)
async def survey_form(
    standard_code: Annotated[str, Path(max_length=20, description="Mã chuẩn nghèo.",
                                       examples=["2022-2025"])],
    q: Annotated[s.GetSurveyFormQuery, Query()],
    call: Call,
) -> Any:  # fmt: skip
    """Các thông tin cần thu thập của từng thành viên và của hộ theo ngưỡng thiếu hụt của chuẩn
    nghèo, và các câu hỏi của phiếu chấm điểm áp dụng tại ngày khảo sát; máy chủ tính điểm."""
    return await call(SURVEY_FORM, q, standard_code=standard_code)
