"""The dossier aggregate: a pure state machine over the steps of its procedure.

Each action is allowed only in the right state (``ActionOutOfOrder`` otherwise), by the right
role kind at the right level and unit (``NotResponsible``), and respects the segregation of
duties (``SegregationOfDuties``). Every transition appends a history entry in Vietnamese and
a domain event, and bumps ``version``. See docs/dossier.md for the state diagram.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from ansinh_common.authz import Kind, Level, ReasonCode, UnitTree
from ansinh_common.authz.reasons import message
from ansinh_common.catalogs.working_days import add_working_days
from ansinh_common.errors import FieldError, InvalidInput
from dossier.domain import events as ev
from dossier.domain.actor import Actor
from dossier.domain.admin_models import ModelSelector
from dossier.domain.authority import (
    APPRAISER_CANNOT_APPROVE,
    DRAFTER_CANNOT_SIGN,
    require_not_applicant,
    require_official,
    require_other_person,
    require_step_actor,
)
from dossier.domain.channel import Channel
from dossier.domain.clock import StepClock, local_date
from dossier.domain.dossier_code import DossierCode
from dossier.domain.errors import ActionOutOfOrder, NotResponsible, UnknownProcedure
from dossier.domain.plan import Plan, PlannedStep, resolve_plan
from dossier.domain.policy_fields import require_no_policy_fields
from dossier.domain.procedures.forms import validate_form
from dossier.domain.procedures.model import EffectKind, Place, Procedure, StepKind
from dossier.domain.records import (
    Appraisal,
    DecisionDraft,
    PopulationCheck,
    PovertyStatusAnswer,
    SignedDecision,
)
from dossier.domain.rules.classification import require_classification
from dossier.domain.stages import ACTION_LABELS, FINISHED, STAGE_LABELS, TERMINAL, Action, Stage
from dossier.domain.tracking import HistoryEntry, StepRun, StepUsage

_STAGE_OF_STEP = {
    StepKind.REVIEW: Stage.IN_REVIEW,
    StepKind.POSTING: Stage.POSTED,
    StepKind.OBJECTIONS: Stage.OBJECTIONS,
    StepKind.FORWARD: Stage.POSTED,
    StepKind.APPRAISAL: Stage.IN_APPRAISAL,
    StepKind.DECISION: Stage.APPROVED,
}
LEGAL_BASIS = (
    "Decree 20/2021/NĐ-CP Art. 7, 8 (procedure and its steps); Decree 147/2025/NĐ-CP Art. 5.1 "
    "(two-level model); Decree 61/2018/NĐ-CP (one-stop receipt, request for more documents)"
)
MAX_TEXT = 2000
# Fields that place the dossier: whose it is and which units handle it.
FIXED_FIELDS = frozenset({"personal_id", "commune_code", "new_commune_code"})
_OFFICER = frozenset({Kind.OFFICER})


def _text(value: str, name: str, *, required: bool = True) -> str:
    text = (value or "").strip()
    if required and not text:
        raise InvalidInput(
            f"Chưa nhập {name}.", errors=[FieldError(name, "Bắt buộc nhập.", "required")]
        )
    if len(text) > MAX_TEXT:
        raise InvalidInput(errors=[FieldError(name, f"Dài quá {MAX_TEXT} ký tự.", "too_long")])
    return text


@dataclass(eq=False)
class Dossier:
    id: str
    code: DossierCode
    procedure_id: str
    procedure_version: str
    procedure_code: str
    purpose_id: str
    form_id: str
    values: dict[str, Any]
    applicant_national_id: str
    submitted_by: str
    channel: Channel
    commune_code: str
    destination_commune_code: str | None
    province_code: str
    submitted_at: dt.datetime
    effect: EffectKind
    benefit: str | None
    stage: Stage = Stage.SUBMITTED
    plan: Plan | None = None
    received_on: dt.date | None = None
    runs: list[StepRun] = field(default_factory=list)
    resume_stage: Stage | None = None
    population_check: PopulationCheck | None = None
    poverty_status: PovertyStatusAnswer | None = None
    appraisal: Appraisal | None = None
    draft: DecisionDraft | None = None
    decision: SignedDecision | None = None
    refusal_reason: str | None = None
    history: list[HistoryEntry] = field(default_factory=list)
    events: list[ev.StatusChanged] = field(default_factory=list)
    version: int = 0

    # --- creation ---------------------------------------------------------------------------

    @classmethod
    def submit(
        cls,
        *,
        dossier_id: str,
        code: DossierCode,
        procedure: Procedure,
        purpose_id: str,
        form_id: str,
        values: Mapping[str, Any],
        actor: Actor,
        channel: Channel,
        at: dt.datetime,
        province_code: str,
    ) -> Dossier:
        """A dossier sent by a citizen (online) or entered by a commune officer at the counter.

        The province comes from the unit catalog (the caller resolves it from
        ``values.commune_code``); the form is validated and policy fields are refused.
        """
        try:
            purpose = procedure.purpose(purpose_id)
        except KeyError:
            raise UnknownProcedure(
                f"Thủ tục {procedure.name} không có mục đích {purpose_id!r}.",
                errors=[FieldError("purpose", "Không có trong định nghĩa thủ tục.", "unknown")],
            ) from None
        allowed = {f for forms in purpose.forms.values() for f in forms}
        if form_id not in allowed or form_id not in procedure.forms:
            raise UnknownProcedure(
                f"Mẫu tờ khai {form_id!r} không dùng cho «{purpose.name}».",
                errors=[FieldError("form", "Mẫu tờ khai không thuộc thủ tục.", "unknown")],
            )
        form = procedure.forms[form_id]
        require_no_policy_fields(actor, form, values)
        cleaned = validate_form(form, values, local_date(at))
        commune = str(cleaned["commune_code"])
        if actor.is_citizen and not actor.is_official:
            if channel is not Channel.ONLINE:
                raise InvalidInput("Công dân chỉ nộp hồ sơ trực tuyến qua cổng dịch vụ công.")
            if not actor.national_id:
                raise NotResponsible(message(ReasonCode.MISSING_NATIONAL_ID))
        else:
            require_official(
                actor,
                commune,
                Level.COMMUNE,
                frozenset({Kind.OFFICER}),
                "Nhận hồ sơ tại bộ phận một cửa",
            )
        dossier = cls(
            id=dossier_id,
            code=code,
            procedure_id=procedure.id,
            procedure_version=procedure.version,
            procedure_code=procedure.national_code,
            purpose_id=purpose_id,
            form_id=form_id,
            values=cleaned,
            applicant_national_id=str(cleaned["personal_id"]),
            submitted_by=actor.subject,
            channel=channel,
            commune_code=commune,
            destination_commune_code=cleaned.get("new_commune_code"),
            province_code=province_code,
            submitted_at=at,
            effect=purpose.effect.kind,
            benefit=purpose.effect.benefit,
        )
        dossier._record(
            Action.SUBMIT,
            actor,
            at,
            None,
            Stage.SUBMITTED,
            ev.DossierSubmitted,
            channel=int(channel),
            commune_code=commune,
        )
        return dossier

    # --- receipt ----------------------------------------------------------------------------

    def receive(
        self,
        actor: Actor,
        at: dt.datetime,
        *,
        procedure: Procedure,
        units: UnitTree,
        models: ModelSelector,
    ) -> None:
        """The commune's one-stop desk accepts the dossier: the model and plan are fixed now."""
        self._expect(Action.RECEIVE, Stage.SUBMITTED)
        require_official(
            actor,
            self.commune_code,
            Level.COMMUNE,
            frozenset({Kind.OFFICER}),
            ACTION_LABELS[Action.RECEIVE],
        )
        require_not_applicant(actor, self.applicant_national_id)
        if (procedure.id, procedure.version) != (self.procedure_id, self.procedure_version):
            raise UnknownProcedure("Định nghĩa thủ tục không khớp với hồ sơ.")
        today = local_date(at)
        model = models.model_for(today, self.province_code)
        self.plan = resolve_plan(
            procedure.workflow(model), self.commune_code, self.destination_commune_code, units
        )
        self.received_on = today
        first = self.plan.first()
        self._start(first, today)
        expected = self.expected_result_on(today)
        assert expected is not None
        self._record(
            Action.RECEIVE,
            actor,
            at,
            Stage.SUBMITTED,
            _STAGE_OF_STEP[first.step.kind],
            ev.DossierReceived,
            model=model.value,
            received_on=today,
            expected_result_on=expected,
        )

    def refuse_receipt(self, actor: Actor, at: dt.datetime, reason: str) -> None:
        self._expect(Action.REFUSE_RECEIPT, Stage.SUBMITTED)
        require_official(
            actor,
            self.commune_code,
            Level.COMMUNE,
            frozenset({Kind.OFFICER}),
            ACTION_LABELS[Action.REFUSE_RECEIPT],
        )
        text = _text(reason, "reason")
        self.refusal_reason = text
        self._record(
            Action.REFUSE_RECEIPT,
            actor,
            at,
            self.stage,
            Stage.NOT_RECEIVED,
            ev.ReceiptRefused,
            note=text,
            reason=text,
        )

    # --- more documents: the clock stops ----------------------------------------------------

    def request_documents(
        self, actor: Actor, at: dt.datetime, documents: tuple[str, ...], reason: str
    ) -> None:
        self._expect(Action.REQUEST_DOCUMENTS, Stage.IN_REVIEW, Stage.IN_APPRAISAL)
        run = self._current_run()
        require_step_actor(actor, run.planned, self.applicant_national_id)
        if not documents:
            raise InvalidInput(
                errors=[FieldError("documents", "Phải nêu giấy tờ cần bổ sung.", "required")]
            )
        text = _text(reason, "reason")
        run.clock.pause(local_date(at))
        self.resume_stage = self.stage
        self._record(
            Action.REQUEST_DOCUMENTS,
            actor,
            at,
            self.stage,
            Stage.AWAITING_DOCUMENTS,
            ev.DocumentsRequested,
            note=text,
            documents=tuple(documents),
            reason=text,
        )

    def supplement_documents(
        self, actor: Actor, at: dt.datetime, documents: tuple[str, ...]
    ) -> None:
        self._expect(Action.SUPPLEMENT_DOCUMENTS, Stage.AWAITING_DOCUMENTS)
        run = self._current_run()
        if not self._is_applicant_side(actor):
            require_step_actor(actor, run.planned, self.applicant_national_id)
        run.clock.resume(local_date(at))
        back, self.resume_stage = self.resume_stage or Stage.IN_REVIEW, None
        self._record(
            Action.SUPPLEMENT_DOCUMENTS,
            actor,
            at,
            self.stage,
            back,
            ev.DocumentsSupplemented,
            documents=tuple(documents),
        )

    def amend(
        self, actor: Actor, at: dt.datetime, *, procedure: Procedure, changes: Mapping[str, Any]
    ) -> None:
        """Correct or complete the declared facts before receipt or while documents are awaited.

        The applicant side or an officer handling the dossier may; policy fields are refused
        from citizens (403); the fields that place the dossier (``FIXED_FIELDS``) never change
        (withdraw and submit again instead).
        """
        self._expect(Action.AMEND, Stage.SUBMITTED, Stage.AWAITING_DOCUMENTS)
        if (procedure.id, procedure.version) != (self.procedure_id, self.procedure_version):
            raise UnknownProcedure("Định nghĩa thủ tục không khớp với hồ sơ.")
        form = procedure.forms[self.form_id]
        require_no_policy_fields(actor, form, changes)
        if not self._is_applicant_side(actor):
            if self.stage is Stage.SUBMITTED:
                label = ACTION_LABELS[Action.AMEND]
                require_official(actor, self.commune_code, Level.COMMUNE, _OFFICER, label)
            else:
                require_step_actor(actor, self._current_run().planned, self.applicant_national_id)
            require_not_applicant(actor, self.applicant_national_id)
        fixed = sorted(set(changes) & FIXED_FIELDS)
        if fixed:
            raise InvalidInput(
                "Không được sửa thông tin xác định người nộp và nơi giải quyết hồ sơ; "
                "hãy rút hồ sơ và nộp lại.",
                errors=[FieldError(f"values.{f}", "Không được sửa.", "fixed") for f in fixed],
            )
        self.values = validate_form(form, {**self.values, **changes}, local_date(at))
        changed = tuple(sorted(changes))
        self._record(
            Action.AMEND,
            actor,
            at,
            self.stage,
            self.stage,
            ev.DossierAmended,
            note=", ".join(changed),
            changed_fields=changed,
        )

    # --- commune: population check, posting, objections, forwarding ------------------------

    def check_population(
        self,
        actor: Actor,
        at: dt.datetime,
        *,
        matched: bool,
        reference: str,
        poverty: PovertyStatusAnswer | None = None,
    ) -> None:
        """Record the comparison with the national population database (two-level model) and,
        when the category needs it, the poverty service's answer as of the date of receipt."""
        self._expect(Action.CHECK_POPULATION, Stage.IN_REVIEW, Stage.IN_APPRAISAL)
        run = self._current_run()
        require_step_actor(actor, run.planned, self.applicant_national_id)
        self.population_check = PopulationCheck(matched, reference, local_date(at))
        if poverty is not None:
            self.poverty_status = poverty
        note = "Khớp thông tin" if matched else "Không khớp thông tin"
        self._record(
            Action.CHECK_POPULATION,
            actor,
            at,
            self.stage,
            self.stage,
            ev.PopulationChecked,
            note=f"{note}. {poverty.label}" if poverty is not None else note,
            matched=matched,
            reference=reference,
        )

    def post_publicly(self, actor: Actor, at: dt.datetime) -> None:
        self._expect(Action.POST_PUBLICLY, Stage.IN_REVIEW)
        run = self._current_run()
        posting = self._require_plan().after(run.planned.step.kind)
        if posting is None or posting.step.kind is not StepKind.POSTING:
            raise self._out_of_order(
                Action.POST_PUBLICLY, "Quy trình của thủ tục này không có bước niêm yết công khai."
            )
        require_step_actor(actor, run.planned, self.applicant_national_id)
        today = local_date(at)
        run.clock.finish(today)
        new = self._start(posting, today)
        ends = new.clock.due_on
        assert ends is not None
        self._record(
            Action.POST_PUBLICLY,
            actor,
            at,
            self.stage,
            Stage.POSTED,
            ev.PostedPublicly,
            posting_ends_on=ends,
        )

    def record_objection(self, actor: Actor, at: dt.datetime, summary: str) -> None:
        self._expect(Action.RECORD_OBJECTION, Stage.POSTED)
        plan = self._require_plan()
        objections = plan.get(StepKind.OBJECTIONS)
        if objections is None:
            raise self._out_of_order(
                Action.RECORD_OBJECTION, "Quy trình không có bước giải quyết khiếu nại."
            )
        require_step_actor(actor, objections, self.applicant_national_id)
        _text(summary, "summary")
        today = local_date(at)
        self._close_posting(today)
        self._start(objections, today)
        self._record(
            Action.RECORD_OBJECTION, actor, at, self.stage, Stage.OBJECTIONS, ev.ObjectionRecorded
        )

    def forward(self, actor: Actor, at: dt.datetime, note: str = "") -> None:
        """Send the file up (or to the destination commune): the next step is the appraisal."""
        self._expect(Action.FORWARD, Stage.IN_REVIEW, Stage.POSTED, Stage.OBJECTIONS)
        plan = self._require_plan()
        today = local_date(at)
        run = self._current_run()
        kind = run.planned.step.kind
        if kind is StepKind.POSTING:
            ends = run.clock.due_on
            assert ends is not None
            if today <= ends:
                raise self._out_of_order(
                    Action.FORWARD,
                    f"Chưa hết thời gian niêm yết công khai (đến hết ngày {ends:%d/%m/%Y}).",
                )
            forward = plan.get(StepKind.FORWARD)
            responsible = forward or run.planned
        else:
            forward, responsible = None, run.planned
        nxt = plan.after(StepKind.FORWARD if forward is not None else kind)
        if nxt is None or nxt.step.kind is not StepKind.APPRAISAL:
            raise self._out_of_order(Action.FORWARD, "Ở bước này hồ sơ không được chuyển đi.")
        require_step_actor(actor, responsible, self.applicant_national_id)
        if run.planned.step.population_check:
            self._require_population_match(Action.FORWARD)
        text = _text(note, "note", required=False)
        if kind is StepKind.POSTING:
            self._close_posting(today)
            if forward is not None:
                self._current_run().clock.finish(today)
        else:
            run.clock.finish(today)
        self._start(nxt, today)
        self._record(
            Action.FORWARD,
            actor,
            at,
            self.stage,
            Stage.IN_APPRAISAL,
            ev.DossierForwarded,
            note=text,
            to_unit=nxt.unit_code,
        )

    # --- appraisal, approval, decision ------------------------------------------------------

    def appraise(
        self,
        actor: Actor,
        at: dt.datetime,
        *,
        eligible: bool,
        category_code: str | None = None,
        coefficient: Decimal | None = None,
        amount: int | None = None,
        note: str = "",
    ) -> None:
        """Record the appraisal and the classification (policy fields: officers only)."""
        self._expect(Action.APPRAISE, Stage.IN_APPRAISAL)
        run = self._current_run()
        require_step_actor(actor, run.planned, self.applicant_national_id)
        if run.planned.step.population_check:
            self._require_population_match(Action.APPRAISE, checked_only=not eligible)
        if eligible:
            require_classification(self.effect, self.benefit, category_code, coefficient, amount)
        self.appraisal = Appraisal(
            actor.subject,
            local_date(at),
            eligible,
            category_code if eligible else None,
            coefficient if eligible else None,
            amount if eligible else None,
            _text(note, "note", required=not eligible),
        )
        outcome = "Đủ điều kiện" if eligible else "Không đủ điều kiện"
        self._record(
            Action.APPRAISE,
            actor,
            at,
            self.stage,
            Stage.APPRAISED,
            ev.DossierAppraised,
            note=outcome,
            eligible=eligible,
        )

    def approve(self, actor: Actor, at: dt.datetime) -> None:
        """Approve the appraisal and draft the decision for signature."""
        self._expect(Action.APPROVE, Stage.APPRAISED)
        run = self._current_run()
        require_step_actor(
            actor, run.planned, self.applicant_national_id, extra_kinds=frozenset({Kind.LEADER})
        )
        assert self.appraisal is not None
        require_other_person(actor, self.appraisal.by, APPRAISER_CANNOT_APPROVE)
        if not self.appraisal.eligible:
            raise self._out_of_order(
                Action.APPROVE, "Kết quả thẩm định là không đủ điều kiện; chỉ có thể từ chối."
            )
        today = local_date(at)
        run.clock.finish(today)
        decision = self._require_plan().after(StepKind.APPRAISAL)
        assert decision is not None and decision.step.kind is StepKind.DECISION
        self._start(decision, today)
        self.draft = DecisionDraft(actor.subject, today)
        self._record(Action.APPROVE, actor, at, self.stage, Stage.APPROVED, ev.DossierApproved)

    def reject(self, actor: Actor, at: dt.datetime, reason: str) -> None:
        """Refuse with a reason: after appraisal (not by the appraiser) or at signature."""
        self._expect(Action.REJECT, Stage.APPRAISED, Stage.APPROVED)
        run = self._current_run()
        if self.stage is Stage.APPRAISED:
            require_step_actor(
                actor, run.planned, self.applicant_national_id, extra_kinds=frozenset({Kind.LEADER})
            )
            require_other_person(
                actor, self.appraisal.by if self.appraisal else None, APPRAISER_CANNOT_APPROVE
            )
        else:
            require_step_actor(actor, run.planned, self.applicant_national_id)
        text = _text(reason, "reason")
        run.clock.finish(local_date(at))
        self.refusal_reason = text
        self._record(
            Action.REJECT,
            actor,
            at,
            self.stage,
            Stage.REJECTED,
            ev.DossierRejected,
            note=text,
            reason=text,
        )

    def decide(self, actor: Actor, at: dt.datetime, *, decision_number: str) -> None:
        """The deciding leader signs the drafted decision; the registry is told."""
        self._expect(Action.DECIDE, Stage.APPROVED)
        run = self._current_run()
        require_step_actor(actor, run.planned, self.applicant_national_id)
        assert self.draft is not None and self.appraisal is not None
        require_other_person(actor, self.draft.made_by, DRAFTER_CANNOT_SIGN)
        number = _text(decision_number, "decision_number")
        today = local_date(at)
        run.clock.finish(today)
        self.decision = SignedDecision(number, today, actor.subject, run.planned.unit_code)
        self._record(
            Action.DECIDE,
            actor,
            at,
            self.stage,
            Stage.DECIDED,
            ev.DecisionSigned,
            note=f"Quyết định số {number} ngày {today:%d/%m/%Y}",
            decision_number=number,
            decision_date=today,
            signing_unit=run.planned.unit_code,
            effect=self.effect.value,
            benefit=self.benefit,
            applicant_national_id=self.applicant_national_id,
            commune_code=self.commune_code,
            destination_commune_code=self.destination_commune_code,
            category_code=self.appraisal.category_code,
            coefficient=self.appraisal.coefficient,
            amount=self.appraisal.amount,
        )

    def return_result(self, actor: Actor, at: dt.datetime) -> None:
        self._expect(Action.RETURN_RESULT, *FINISHED)
        unit = self._returning_unit()
        require_official(
            actor,
            unit,
            Level.COMMUNE,
            frozenset({Kind.OFFICER}),
            ACTION_LABELS[Action.RETURN_RESULT],
        )
        self._record(
            Action.RETURN_RESULT, actor, at, self.stage, Stage.RESULT_RETURNED, ev.ResultReturned
        )

    def withdraw(self, actor: Actor, at: dt.datetime, reason: str) -> None:
        """The applicant (or who submitted for them) withdraws before a decision."""
        self._expect(Action.WITHDRAW, *(s for s in Stage if s not in TERMINAL | FINISHED))
        if not self._is_applicant_side(actor):
            raise NotResponsible("Chỉ người nộp hồ sơ hoặc người được đại diện mới được rút hồ sơ.")
        text = _text(reason, "reason")
        run = self._open_run()
        if run is not None:
            run.clock.finish(local_date(at))
        self._record(
            Action.WITHDRAW,
            actor,
            at,
            self.stage,
            Stage.WITHDRAWN,
            ev.DossierWithdrawn,
            note=text,
            reason=text,
        )

    # --- reading: the clock -----------------------------------------------------------------

    def current_step(self, today: dt.date) -> StepRun | None:
        """The running step (after the posting period: the forwarding step, if any)."""
        run = self._open_run()
        if run is None or run.planned.step.kind is not StepKind.POSTING or self.plan is None:
            return run
        ends = run.clock.due_on
        forward = self.plan.get(StepKind.FORWARD)
        if forward is None or ends is None or today <= ends:
            return run
        return StepRun(forward, StepClock.start(forward.step.working_days, ends))

    def due_on(self, today: dt.date) -> dt.date | None:
        """Due date of the running step (None when paused or finished)."""
        run = self.current_step(today)
        return run.clock.due_on if run is not None else None

    def expected_result_on(self, today: dt.date) -> dt.date | None:
        """When the decision is due if every later step takes its full time."""
        if self.stage in FINISHED or self.stage in TERMINAL:
            return self.decision.signed_on if self.decision else None
        run = self.current_step(today)
        if run is None or run.clock.due_on is None or self.plan is None:
            return None
        return add_working_days(run.clock.due_on, self.plan.remaining_after(run.planned.step.kind))

    def step_usage(self, today: dt.date) -> tuple[StepUsage, ...]:
        """Time used by each step so far (working days, pauses excluded)."""
        runs = list(self.runs)
        current = self.current_step(today)
        if current is not None and current is not self._open_run():
            posting = runs[-1]  # the posting period is over: show it closed at its end
            clock = replace(posting.clock)
            clock.finish(current.clock.started_on)
            runs[-1] = StepRun(posting.planned, clock)
            runs.append(current)
        return tuple(StepUsage.of(r, today) for r in runs)

    # --- internals --------------------------------------------------------------------------

    def _require_population_match(self, action: Action, *, checked_only: bool = False) -> None:
        """The step's comparison with the population database was made (and matched)."""
        check = self.population_check
        if check is None:
            raise self._out_of_order(
                action, "Chưa đối chiếu thông tin với Cơ sở dữ liệu quốc gia về dân cư."
            )
        if not check.matched and not checked_only:
            raise self._out_of_order(
                action,
                "Thông tin không khớp Cơ sở dữ liệu quốc gia về dân cư: "
                "không thể kết luận đủ điều kiện.",
            )

    def _is_applicant_side(self, actor: Actor) -> bool:
        if not actor.is_citizen:
            return False
        return actor.subject == self.submitted_by or (
            actor.national_id is not None and actor.national_id == self.applicant_national_id
        )

    def _returning_unit(self) -> str:
        """The commune that returns the result: where the applicant lives (or moved to)."""
        if self.plan is not None and self.plan.steps[-1].step.place is Place.DESTINATION:
            return self.destination_commune_code or self.commune_code
        return self.commune_code

    def _require_plan(self) -> Plan:
        assert self.plan is not None, "a received dossier has a plan"
        return self.plan

    def _open_run(self) -> StepRun | None:
        return self.runs[-1] if self.runs and self.runs[-1].clock.finished_on is None else None

    def _current_run(self) -> StepRun:
        run = self._open_run()
        assert run is not None, "a dossier in progress has a running step"
        return run

    def _start(self, planned: PlannedStep, on: dt.date) -> StepRun:
        run = StepRun(planned, StepClock.start(planned.step.working_days, on))
        self.runs.append(run)
        return run

    def _close_posting(self, today: dt.date) -> None:
        """End the posting run at the end of its period (or today, if earlier); after the
        period, the forwarding step runs from that day."""
        run = self._current_run()
        ends = run.clock.due_on
        assert ends is not None
        run.clock.finish(min(today, ends))
        forward = self._require_plan().get(StepKind.FORWARD)
        if forward is not None and today > ends:
            self._start(forward, ends)

    def _expect(self, action: Action, *stages: Stage) -> None:
        if self.stage not in stages:
            raise self._out_of_order(action)

    def _out_of_order(self, action: Action, why: str = "") -> ActionOutOfOrder:
        label, state = ACTION_LABELS[action], STAGE_LABELS[self.stage]
        detail = f"Không thể «{label}» khi hồ sơ {self.code} đang ở trạng thái «{state}»."
        return ActionOutOfOrder(f"{detail} {why}".strip())

    def _record(
        self,
        action: Action,
        actor: Actor,
        at: dt.datetime,
        from_stage: Stage | None,
        to_stage: Stage,
        event_type: type[ev.StatusChanged],
        note: str = "",
        **extra: Any,
    ) -> None:
        self.stage = to_stage
        self.version += 1
        today = local_date(at)
        due = self.due_on(today)
        self.history.append(
            HistoryEntry(
                at, action, to_stage, actor.principal.username, actor.unit_code, actor.origin, note
            )
        )
        self.events.append(
            event_type(
                dossier_id=self.id,
                dossier_code=str(self.code),
                procedure_code=self.procedure_code,
                province_code=self.province_code,
                version=self.version,
                action=action,
                from_stage=from_stage,
                to_stage=to_stage,
                occurred_at=at,
                actor_subject=actor.subject,
                actor_unit=actor.unit_code,
                origin=actor.origin,
                due_on=due,
                note=note,
                **extra,
            )
        )
