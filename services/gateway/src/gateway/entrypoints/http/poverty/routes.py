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

from fastapi import APIRouter, Depends, Path, Query, Response, status

from ansinh.poverty.v1 import poverty_pb2 as pb
from gateway.adapters.backends import Service
from gateway.entrypoints.http.backend import Call
from gateway.entrypoints.http.poverty import schemas as s
from gateway.entrypoints.http.schemas import problem_responses

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
