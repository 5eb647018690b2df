"""The platform's own states of a dossier and the actions that move it, with Vietnamese labels.

The provincial one-stop vocabulary (TrangThaiHoSo 1–10) is mapped from these in
``provincial_status``.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum


class Stage(StrEnum):
    SUBMITTED = "submitted"  # nộp trực tuyến, chờ tiếp nhận
    NOT_RECEIVED = "not_received"  # từ chối tiếp nhận
    IN_REVIEW = "in_review"  # cấp xã đang xem xét
    AWAITING_DOCUMENTS = "awaiting_documents"  # chờ bổ sung giấy tờ (clock paused)
    POSTED = "posted"  # niêm yết công khai, rồi chờ gửi lên cấp trên
    OBJECTIONS = "objections"  # đang giải quyết khiếu nại
    IN_APPRAISAL = "in_appraisal"  # đang thẩm định
    APPRAISED = "appraised"  # đã thẩm định, chờ phê duyệt
    APPROVED = "approved"  # đã phê duyệt, dự thảo quyết định chờ ký
    DECIDED = "decided"  # đã ký quyết định
    REJECTED = "rejected"  # không đủ điều kiện, có văn bản trả lời nêu lý do
    RESULT_RETURNED = "result_returned"  # đã trả kết quả
    WITHDRAWN = "withdrawn"  # người nộp đã rút hồ sơ


STAGE_LABELS: Mapping[Stage, str] = {
    Stage.SUBMITTED: "Mới đăng ký, chờ tiếp nhận",
    Stage.NOT_RECEIVED: "Không được tiếp nhận",
    Stage.IN_REVIEW: "Đang xem xét tại Ủy ban nhân dân cấp xã",
    Stage.AWAITING_DOCUMENTS: "Chờ bổ sung giấy tờ (tạm dừng tính thời hạn)",
    Stage.POSTED: "Đang niêm yết công khai",
    Stage.OBJECTIONS: "Đang giải quyết khiếu nại, tố cáo",
    Stage.IN_APPRAISAL: "Đang thẩm định",
    Stage.APPRAISED: "Đã thẩm định, chờ phê duyệt",
    Stage.APPROVED: "Đã phê duyệt, chờ ký quyết định",
    Stage.DECIDED: "Đã có quyết định",
    Stage.REJECTED: "Không đủ điều kiện, đã có văn bản trả lời",
    Stage.RESULT_RETURNED: "Đã trả kết quả",
    Stage.WITHDRAWN: "Người nộp đã rút hồ sơ",
}

# No action changes these any more.
TERMINAL: frozenset[Stage] = frozenset({Stage.NOT_RECEIVED, Stage.RESULT_RETURNED, Stage.WITHDRAWN})
# Processing is over; only returning the result remains.
FINISHED: frozenset[Stage] = frozenset({Stage.DECIDED, Stage.REJECTED})


class Action(StrEnum):
    SUBMIT = "submit"
    RECEIVE = "receive"
    REFUSE_RECEIPT = "refuse_receipt"
    REQUEST_DOCUMENTS = "request_documents"
    SUPPLEMENT_DOCUMENTS = "supplement_documents"
    AMEND = "amend"
    CHECK_POPULATION = "check_population"
    POST_PUBLICLY = "post_publicly"
    RECORD_OBJECTION = "record_objection"
    FORWARD = "forward"
    APPRAISE = "appraise"
    APPROVE = "approve"
    REJECT = "reject"
    DECIDE = "decide"
    RETURN_RESULT = "return_result"
    WITHDRAW = "withdraw"


ACTION_LABELS: Mapping[Action, str] = {
    Action.SUBMIT: "Nộp hồ sơ",
    Action.RECEIVE: "Tiếp nhận hồ sơ",
    Action.REFUSE_RECEIPT: "Từ chối tiếp nhận hồ sơ",
    Action.REQUEST_DOCUMENTS: "Yêu cầu bổ sung giấy tờ",
    Action.SUPPLEMENT_DOCUMENTS: "Bổ sung giấy tờ",
    Action.AMEND: "Sửa đổi, bổ sung thông tin tờ khai",
    Action.CHECK_POPULATION: "Đối chiếu với Cơ sở dữ liệu quốc gia về dân cư",
    Action.POST_PUBLICLY: "Niêm yết công khai",
    Action.RECORD_OBJECTION: "Ghi nhận khiếu nại, tố cáo",
    Action.FORWARD: "Chuyển hồ sơ",
    Action.APPRAISE: "Thẩm định hồ sơ",
    Action.APPROVE: "Phê duyệt, trình ký quyết định",
    Action.REJECT: "Không phê duyệt (nêu rõ lý do)",
    Action.DECIDE: "Ký quyết định",
    Action.RETURN_RESULT: "Trả kết quả",
    Action.WITHDRAW: "Rút hồ sơ",
}
