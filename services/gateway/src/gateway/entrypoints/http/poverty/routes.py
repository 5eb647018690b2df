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
Province = Annotated[str, Path(pattern=r"^\d{2}$", description="Mã tỉnh của hộ.", examples=["01"])]
HouseholdId = Annotated[str, Path(max_length=64, description="Mã hộ (UUID).")]
_READ = problem_responses(401, 403, 404, 422, 503)
_WRITE = problem_responses(401, 403, 404, 409, 422, 503)


async def _household_ids(province_code: Province, household_id: HouseholdId) -> dict[str, str]:
    return {"province_code": province_code, "household_id": household_id}


HouseholdIds = Annotated[dict[str, str], Depends(_household_ids)]


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
