"""``/api/v1/dossiers`` and ``/api/v1/procedures``: administrative procedures over REST
(``DossierService``, ADR 0017, docs/dossier.md).

Each route maps its REST body to the request message and the answer back (models generated
from the proto in ``schemas``); the dossier service checks everything that matters itself: a
citizen submits online only and never sends policy fields (diện, hệ số, mức: 403), each action
must fit the dossier's state and the caller's role and unit (409/422), an officer's queue is
their unit's. A dossier id carries its province (``<province>-<uuid>``), so one path segment
names a dossier.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, File, Path, Query, UploadFile, status
from pydantic import model_validator

from ansinh.dossier.v1 import dossier_pb2 as pb
from ansinh_common.errors import FieldError, InvalidInput
from gateway.adapters.backends import Service
from gateway.entrypoints.http.backend import Call
from gateway.entrypoints.http.dependencies import GatewayDep
from gateway.entrypoints.http.dossiers import schemas as s
from gateway.entrypoints.http.schemas import problem_responses
from gateway.entrypoints.http.uploads import read_upload

router = APIRouter(tags=["dossiers"])
DOSSIERS = Service(pb, "DossierService", backend="dossier")
PROCEDURES = DOSSIERS.rpc("ListProcedures")
SUBMIT = DOSSIERS.rpc("SubmitDossier")
ACT = DOSSIERS.rpc("ActOnDossier")
GET_DOSSIER = DOSSIERS.rpc("GetDossier")
QUEUE = DOSSIERS.rpc("ListQueue")
MINE = DOSSIERS.rpc("ListMyDossiers")
POSTING = DOSSIERS.rpc("GetPostingList")
ATTACH = DOSSIERS.rpc("AttachDocument")
ACTIONS = tuple(f.name for f in pb.ActOnDossierRequest.DESCRIPTOR.oneofs_by_name["action"].fields)
DossierId = Annotated[
    str, Path(max_length=80, description="Mã hồ sơ (`<mã tỉnh>-<uuid>`).", examples=["01-…"])
]
Commune = Annotated[str, Path(pattern=r"^\d{5}$", description="Mã xã.", examples=["00004"])]
_READ = problem_responses(401, 403, 404, 422, 503)
_WRITE = problem_responses(401, 403, 404, 409, 422, 503)


class ActionBody(s.ActOnDossierBody):
    @model_validator(mode="after")
    def _one_action(self) -> ActionBody:
        chosen = [name for name in ACTIONS if getattr(self, name) is not None]
        if len(chosen) != 1:
            text = "Chọn đúng một thao tác: " + ", ".join(ACTIONS) + "."
            raise InvalidInput(errors=[FieldError("action", text, "invalid")])
        return self


@router.get(
    "/procedures",
    response_model=s.ListProceduresResponse,
    summary="Các thủ tục hành chính đang có hiệu lực",
    responses=_READ,
    openapi_extra=PROCEDURES.openapi,
)
async def list_procedures(call: Call) -> Any:
    """Định nghĩa của từng thủ tục (dữ liệu, không phải mã): tờ khai, giấy tờ, các bước và
    thời hạn giải quyết (Nghị định 20/2021/NĐ-CP, Nghị định 63/2024/NĐ-CP)."""
    return await call(PROCEDURES)


@router.post(
    "/dossiers",
    status_code=status.HTTP_201_CREATED,
    response_model=s.DossierView,
    summary="Nộp hồ sơ đề nghị",
    responses=_WRITE,
    openapi_extra=SUBMIT.openapi,
)
async def submit_dossier(body: s.SubmitDossierBody, call: Call) -> Any:
    """Công dân nộp trực tuyến (đối chiếu Cơ sở dữ liệu quốc gia về dân cư) hoặc cán bộ xã
    nhận tại bộ phận một cửa (kèm kênh nộp). Trả mã hồ sơ một cửa và ngày hẹn trả kết quả.
    Công dân gửi diện, hệ số hoặc mức trợ cấp bị từ chối (403)."""
    return await call(SUBMIT, body)


@router.get(
    "/dossiers",
    response_model=s.ListQueueResponse,
    summary="Hồ sơ chờ xử lý của đơn vị (hàng đợi của cán bộ)",
    responses=_READ,
    openapi_extra=QUEUE.openapi,
)
async def list_queue(q: Annotated[s.ListQueueQuery, Query()], call: Call) -> Any:
    """Hồ sơ có bước đang thực hiện thuộc đơn vị và vai trò của cán bộ, sắp theo hạn giải
    quyết (sớm nhất trước, hồ sơ tạm dừng cuối cùng)."""
    return await call(QUEUE, q)


@router.get(
    "/dossiers/mine",
    response_model=s.ListMyDossiersResponse,
    summary="Hồ sơ của tôi (công dân)",
    responses=_READ,
    openapi_extra=MINE.openapi,
)
async def list_my_dossiers(q: Annotated[s.ListMyDossiersQuery, Query()], call: Call) -> Any:
    """Hồ sơ mà công dân đăng nhập là người đề nghị (theo số định danh cá nhân) hoặc đã tự
    nộp, mới nhất trước, theo trang."""
    return await call(MINE, q)


@router.get(
    "/dossiers/{dossier_id}",
    response_model=s.DossierView,
    summary="Tình trạng hồ sơ",
    responses=_READ,
    openapi_extra=GET_DOSSIER.openapi,
)
async def get_dossier(dossier_id: DossierId, call: Call) -> Any:
    """Trạng thái, hạn giải quyết (trong hạn, sắp đến hạn, quá hạn), quá trình xử lý bằng
    tiếng Việt và thời gian của từng bước; công dân chỉ xem hồ sơ của mình."""
    return await call(GET_DOSSIER, dossier_id=dossier_id)


@router.post(
    "/dossiers/{dossier_id}/actions",
    response_model=s.DossierView,
    summary="Thực hiện một bước xử lý hồ sơ",
    responses=_WRITE,
    openapi_extra=ACT.openapi,
)
async def act_on_dossier(dossier_id: DossierId, body: ActionBody, call: Call) -> Any:
    """Đúng một thao tác mỗi lần gọi (tiếp nhận, yêu cầu bổ sung, niêm yết, thẩm định, quyết
    định, trả kết quả …). Thao tác sai thứ tự, sai vai trò hoặc sai đơn vị bị từ chối; gửi
    `expected_version` để không ghi đè thay đổi của người khác (409)."""
    return await call(ACT, body, dossier_id=dossier_id)


@router.post(
    "/dossiers/{dossier_id}/attachments",
    status_code=status.HTTP_201_CREATED,
    response_model=s.AttachDocumentResponse,
    summary="Đính kèm giấy tờ vào hồ sơ",
    responses=problem_responses(401, 403, 404, 409, 413, 422, 503),
    openapi_extra=ATTACH.openapi,
)
async def attach_document(
    dossier_id: DossierId,
    q: Annotated[s.AttachDocumentQuery, Query()],
    file: Annotated[UploadFile, File(description="Tệp PDF, JPEG hoặc PNG.")],
    call: Call,
    gateway: GatewayDep,
) -> Any:
    """Tệp PDF, JPEG hoặc PNG trong giới hạn dung lượng; nội dung phải đúng kiểu đã khai."""
    content = await read_upload(file, gateway.settings.attachment_max_bytes)
    declared = {"content_type": file.content_type or "", "filename": file.filename or ""}
    return await call(ATTACH, q, dossier_id=dossier_id, content=content, **declared)


@router.get(
    "/dossiers/posting-lists/{unit_code}",
    response_model=s.PostingListResponse,
    summary="Danh sách niêm yết công khai của xã",
    responses=_READ,
    openapi_extra=POSTING.openapi,
)
async def posting_list(unit_code: Commune, call: Call) -> Any:
    """Danh sách niêm yết tại xã; không bao giờ có thông tin liên quan đến HIV."""
    return await call(POSTING, unit_code=unit_code)
