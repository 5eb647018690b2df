"""gRPC servicer of ``ansinh.dossier.v1.DossierService`` (port 58052).

Thin: requests become commands and use-case calls, answers become messages. The caller is
the verified principal (ADR 0011) plus the client address the gateway forwards (audit trail:
"from where"). Domain errors become gRPC statuses (problem details) in the shared interceptor.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal, InvalidOperation
from importlib import resources
from typing import Any

import grpc

from ansinh.common.v1 import common_pb2, counts_pb2
from ansinh.dossier.v1 import dossier_pb2, dossier_pb2_grpc
from ansinh_common.auth.principal import require_principal
from ansinh_common.errors import FieldError, InvalidInput
from ansinh_common.grpc.request_context import request_context_from
from ansinh_common.owner_counts import count_province
from dossier.adapters.metrics import count_received
from dossier.adapters.reconciliation_counts import COUNT_SQL
from dossier.bootstrap import DossierService
from dossier.domain import commands as c
from dossier.domain.actor import Actor
from dossier.domain.channel import Channel
from dossier.domain.clock import local_date
from dossier.service_layer import queries
from dossier.service_layer.handlers.attachments import AttachDocument, attach_document
from dossier.service_layer.handlers.submission import submit_dossier
from dossier.service_layer.handlers.workflow import act

SERVICE_NAME = dossier_pb2.DESCRIPTOR.services_by_name["DossierService"].full_name


def _date(day: dt.date | None) -> common_pb2.Date | None:
    return common_pb2.Date(year=day.year, month=day.month, day=day.day) if day else None


def _json_object(raw: str, field: str) -> dict[str, Any]:
    try:
        value = json.loads(raw or "{}")
    except json.JSONDecodeError as exc:
        raise InvalidInput(
            "Các giá trị gửi lên không phải JSON hợp lệ.",  # the field: in ``errors``
            errors=[FieldError(field, f"JSON lỗi ở vị trí {exc.pos}.", "invalid_json")],
        ) from None
    if not isinstance(value, dict):
        raise InvalidInput(errors=[FieldError(field, "Phải là một đối tượng JSON.", "invalid")])
    return value


def _decimal(raw: str, field: str) -> Decimal | None:
    if not raw:
        return None
    try:
        return Decimal(raw)
    except InvalidOperation:
        raise InvalidInput(errors=[FieldError(field, "Phải là số thập phân.", "invalid")]) from None


def _channel(raw: int) -> Channel:
    try:
        return Channel(raw or Channel.ONLINE)
    except ValueError:
        raise InvalidInput(
            errors=[FieldError("channel", "Kênh nộp: 1, 2 hoặc 3.", "invalid")]
        ) from None


def _command(request: dossier_pb2.ActOnDossierRequest) -> c.Command:
    base: dict[str, Any] = {
        "dossier_id": request.dossier_id,
        "expected_version": request.expected_version or None,
    }
    kind = request.WhichOneof("action")
    a: Any = getattr(request, kind) if kind else None
    match kind:
        case "receive":
            return c.ReceiveDossier(**base)
        case "refuse_receipt":
            return c.RefuseReceipt(**base, reason=a.reason)
        case "request_documents":
            return c.RequestDocuments(**base, documents=tuple(a.documents), reason=a.reason)
        case "supplement_documents":
            return c.SupplementDocuments(**base, documents=tuple(a.documents))
        case "check_population":
            return c.RecordPopulationCheck(**base, matched=a.matched, reference=a.reference)
        case "post_publicly":
            return c.PostPublicly(**base)
        case "record_objection":
            return c.RecordObjection(**base, summary=a.summary)
        case "forward":
            return c.ForwardDossier(**base, note=a.note)
        case "appraise":
            return c.AppraiseDossier(
                **base,
                eligible=a.eligible,
                category_code=a.category_code or None,
                coefficient=_decimal(a.coefficient, "appraise.coefficient"),
                amount=a.amount if a.HasField("amount") else None,
                note=a.note,
            )
        case "approve":
            return c.ApproveDossier(**base)
        case "reject":
            return c.RejectDossier(**base, reason=a.reason)
        case "decide":
            return c.SignDecision(**base, decision_number=a.decision_number)
        case "return_result":
            return c.ReturnResult(**base)
        case "withdraw":
            return c.WithdrawDossier(**base, reason=a.reason)
        case "amend":
            return c.AmendDossier(**base, changes=_json_object(a.values_json, "amend.values_json"))
    raise InvalidInput(errors=[FieldError("action", "Chưa chọn thao tác.", "required")])


def view(details: queries.DossierDetails) -> dossier_pb2.DossierView:
    s, d = details.status, details.dossier
    message = dossier_pb2.DossierView(
        dossier_id=d.id,
        dossier_code=s.dossier_code,
        procedure=s.procedure,
        purpose=s.purpose,
        state=d.stage.value,
        status=s.status,
        due_on=_date(s.due_on),
        due_state=s.due_state or "",
        expected_result_on=_date(s.expected_result_on),
        refusal_reason=s.refusal_reason or "",
        history=[
            dossier_pb2.HistoryLine(
                at=h.at, action=h.action, status=h.status, unit_code=h.unit_code or "", note=h.note
            )
            for h in s.history
        ],
        steps=[
            dossier_pb2.StepTime(
                name=u.name,
                unit_code=u.unit_code,
                allowed_working_days=u.allowed_working_days,
                used_working_days=u.used_working_days,
                paused_working_days=u.paused_working_days,
                due_on=_date(u.due_on),
            )
            for u in details.steps
        ],
        version=d.version,
        decision_number=d.decision.number if d.decision else "",
        registry_record_id=details.registry_record_id or "",
        registry_refusal=details.registry_refusal or "",
    )
    return message


def _definition_json(procedure_id: str, version: str) -> str:
    folder = resources.files("dossier.domain.procedures").joinpath("data")
    for entry in folder.iterdir():
        if entry.name.endswith(".json"):
            doc = json.loads(entry.read_text(encoding="utf-8"))
            if doc.get("id") == procedure_id and doc.get("version") == version:
                return json.dumps(doc, ensure_ascii=False)
    return "{}"


class DossierServicer(dossier_pb2_grpc.DossierServiceServicer):
    def __init__(self, service: DossierService) -> None:
        self.deps = service.deps
        self.router = service.router

    def CountForReconciliation(  # noqa: N802
        self, request: counts_pb2.CountRequest, context: grpc.ServicerContext
    ) -> counts_pb2.CountResponse:
        return count_province(require_principal(), self.router, request.province_code, COUNT_SQL)

    def _actor(self, context: grpc.ServicerContext) -> Actor:
        return Actor(require_principal(), origin=request_context_from(context).client_address)

    def ListProcedures(  # noqa: N802
        self, request: dossier_pb2.ListProceduresRequest, context: grpc.ServicerContext
    ) -> dossier_pb2.ListProceduresResponse:
        require_principal()
        today = local_date(self.deps.clock())
        found = []
        for pid in self.deps.catalog.ids():
            try:
                p = self.deps.catalog.in_force(pid, today)
            except InvalidInput:
                continue
            found.append(
                dossier_pb2.ProcedureSummary(
                    id=p.id,
                    national_code=p.national_code,
                    version=p.version,
                    name=p.name,
                    definition_json=_definition_json(p.id, p.version),
                )
            )
        return dossier_pb2.ListProceduresResponse(procedures=found)

    def SubmitDossier(  # noqa: N802
        self, request: dossier_pb2.SubmitDossierRequest, context: grpc.ServicerContext
    ) -> dossier_pb2.DossierView:
        actor = self._actor(context)
        cmd = c.SubmitDossier(
            dossier_id="",
            procedure_id=request.procedure_id,
            purpose_id=request.purpose_id,
            form_id=request.form_id,
            values=_json_object(request.values_json, "values_json"),
            channel=_channel(request.channel),
        )
        dossier = submit_dossier(cmd, actor, self.deps)
        count_received(dossier.procedure_id, dossier.channel)
        return view(queries.dossier_details(dossier.id, actor, self.deps))

    def ActOnDossier(  # noqa: N802
        self, request: dossier_pb2.ActOnDossierRequest, context: grpc.ServicerContext
    ) -> dossier_pb2.DossierView:
        actor = self._actor(context)
        act(_command(request), actor, self.deps)
        return view(queries.dossier_details(request.dossier_id, actor, self.deps))

    def GetDossier(  # noqa: N802
        self, request: dossier_pb2.GetDossierRequest, context: grpc.ServicerContext
    ) -> dossier_pb2.DossierView:
        actor = self._actor(context)
        return view(queries.dossier_details(request.dossier_id, actor, self.deps))

    def ListQueue(  # noqa: N802
        self, request: dossier_pb2.ListQueueRequest, context: grpc.ServicerContext
    ) -> dossier_pb2.ListQueueResponse:
        actor = self._actor(context)
        items = queries.queue(
            actor,
            request.province_code,
            self.deps,
            state=request.state,
            urgent=request.urgent_only,
        )
        return dossier_pb2.ListQueueResponse(
            entries=[
                dossier_pb2.QueueEntry(
                    dossier_id=i.dossier_id,
                    dossier_code=i.dossier_code,
                    state=i.stage.value,
                    step_name=i.step_name,
                    due_on=_date(i.due_on),
                    due_state=i.due_state.value,
                )
                for i in items
            ]
        )

    def AttachDocument(  # noqa: N802
        self, request: dossier_pb2.AttachDocumentRequest, context: grpc.ServicerContext
    ) -> dossier_pb2.AttachDocumentResponse:
        cmd = AttachDocument(
            dossier_id=request.dossier_id,
            document_id=request.document_id,
            filename=request.filename,
            content_type=request.content_type,
            content=request.content,
        )
        done = attach_document(cmd, self._actor(context), self.deps)
        return dossier_pb2.AttachDocumentResponse(
            attachment_id=done.attachment_id,
            sha256=done.sha256,
            size_bytes=done.size_bytes,
            content_type=done.content_type,
        )

    def GetPostingList(  # noqa: N802
        self, request: dossier_pb2.GetPostingListRequest, context: grpc.ServicerContext
    ) -> dossier_pb2.PostingListResponse:
        posting = queries.posting_list(request.unit_code, self.deps)
        lines = posting.lines()
        return dossier_pb2.PostingListResponse(
            unit_code=posting.unit_code,
            title=lines[0],
            lines=[dossier_pb2.PostingLine(order=e.order, text=e.line()) for e in posting.entries],
        )
