"""Protobuf messages of a review ⇄ the review's commands and view (field errors by name)."""

from __future__ import annotations

import datetime as dt

from ansinh.poverty.v1 import poverty_pb2 as pb
from ansinh_common.errors import FieldError, InvalidInput
from poverty.domain import commands as c
from poverty.domain.review import STEP_LABELS, Channel, RequestForm, Review, ReviewKind
from poverty.entrypoints.grpc_mapping import date_from_pb, date_to_pb, raise_if

_ACTIONS = (
    "close_list_on", "quick_identification", "survey", "village_meeting", "start_posting_on",
    "objection", "settle_objection", "end_posting_on", "district_opinion", "decision",
)  # fmt: skip


def _day(value: object, field: str) -> dt.date:
    errors: list[FieldError] = []
    day = date_from_pb(value, field, errors)  # type: ignore[arg-type]
    raise_if(errors)
    assert day is not None
    return day


def review_kind(value: str) -> ReviewKind:
    try:
        return ReviewKind(value)
    except ValueError:
        raise InvalidInput(
            errors=[FieldError("kind", "Loại rà soát: `annual` hoặc `regular`.")]
        ) from None


def request_of(
    message: pb.AddReviewHouseholdRequest,
) -> tuple[RequestForm, Channel, dt.date] | None:
    if not message.request_form:
        return None
    errors: list[FieldError] = []
    try:
        form = RequestForm(message.request_form)
    except ValueError:
        errors.append(FieldError("request_form", "Mẫu đơn: `mau_01` hoặc `mau_04`."))
    try:
        channel = Channel(message.request_channel or "commune")
    except ValueError:
        errors.append(FieldError("request_channel", "Kênh: `online`, `commune` hoặc `post`."))
    received = date_from_pb(message.request_received_on, "request_received_on", errors)
    raise_if(errors)
    assert received is not None
    return form, channel, received


def action_of(message: pb.ActOnReviewRequest) -> c.ReviewAction:
    chosen = [name for name in _ACTIONS if message.HasField(name)]  # type: ignore[arg-type]
    if len(chosen) != 1:
        raise InvalidInput(
            errors=[FieldError("action", f"Cần đúng một thao tác trong: {', '.join(_ACTIONS)}.")]
        )
    name = chosen[0]
    m = message
    if name == "close_list_on":
        return c.CloseList(_day(m.close_list_on, name))
    if name == "start_posting_on":
        return c.StartPosting(_day(m.start_posting_on, name))
    if name == "end_posting_on":
        return c.EndPosting(_day(m.end_posting_on, name))
    if name == "quick_identification":
        q = m.quick_identification
        on = _day(q.identified_on, f"{name}.identified_on")
        return c.RecordQuickIdentification(q.household_id, on, tuple(q.criteria_met))
    if name == "survey":
        s = m.survey
        facts: dict[str, int | bool] = {f.name: f.value for f in s.household_flags}
        facts |= {n.name: n.value for n in s.household_counts}
        return c.RecordSurvey(
            c.SurveyAnswers(
                household_id=s.household_id,
                surveyed_on=_day(s.surveyed_on, "survey.surveyed_on"),
                member_facts={f.member_id: {x.name: x.value for x in f.facts} for f in s.members},
                household_facts=facts,
                income_per_person=s.income_per_person if s.HasField("income_per_person") else None,
                answers={a.item: a.option for a in s.answers} if s.answers else None,
            )
        )
    if name == "village_meeting":
        v = m.village_meeting
        return c.HoldVillageMeeting(
            village=v.village, held_on=_day(v.held_on, f"{name}.held_on"),
            attendees=tuple(v.attendees), chaired_by=v.chaired_by,
            supervised_by=v.supervised_by, minutes_refs=tuple(v.minutes_refs),
            agreeing={x.household_id: x.agreeing for x in v.agreeing},
        )  # fmt: skip
    if name == "objection":
        o = m.objection
        return c.RecordObjection(
            o.objection_id, o.household_id, o.raised_by, o.text, _day(o.on, f"{name}.on")
        )
    if name == "settle_objection":
        s2 = m.settle_objection
        return c.SettleObjection(s2.objection_id, s2.resolution, _day(s2.on, f"{name}.on"))
    if name == "district_opinion":
        d = m.district_opinion
        return c.RecordDistrictOpinion(d.opinion, d.agrees, _day(d.on, f"{name}.on"))
    dec = m.decision
    return c.DecideReview(
        dec.decision_number,
        _day(dec.on, "decision.on"),
        {r.household_id: r.reason for r in dec.refusal_reasons},
    )


def review_to_pb(review: Review) -> pb.ReviewResponse:
    decided = {d.household_id: d for d in review.decided}
    cases = []
    for hid, case in sorted(review.cases.items()):
        ready = case.classification is not None or (
            case.quick is not None and not case.quick.needs_survey
        )
        outcome = decided.get(hid)
        cases.append(
            pb.ReviewCase(
                household_id=hid,
                village=case.village,
                previous_status=case.previous_status.value,
                state=case.state.value,
                proposed_status=case.proposed_status.value if ready else "",
                deprivations=list(case.classification.deprivation_codes)
                if case.classification
                else [],
                returned_to_survey=case.returned_to_survey,
                request_form=case.request.form.value if case.request else "",
                request_channel=case.request.channel.value if case.request else "",
                decided_status=outcome.status.value if outcome else "",
                refusal_reason=(outcome.refusal_reason or "") if outcome else "",
            )
        )
    last = review.meetings[-1].returned if review.meetings else ()
    return pb.ReviewResponse(
        review_id=review.review_id,
        commune_code=review.commune_code,
        kind=review.kind.value,
        year=review.year,
        standard_code=review.standard_code,
        step=int(review.step),
        step_label=STEP_LABELS[review.step],
        cases=cases,
        returned_to_survey=list(last),
        decision_number=review.decision_number or "",
        decision_due=date_to_pb(review.decision_due),
        started_on=date_to_pb(review.started_on),
        administrative_model=review.model.value,
    )


def review_summary(review: Review) -> pb.ReviewSummary:
    return pb.ReviewSummary(
        review_id=review.review_id,
        kind=review.kind.value,
        year=review.year,
        standard_code=review.standard_code,
        started_on=date_to_pb(review.started_on),
        step=int(review.step),
        step_label=STEP_LABELS[review.step],
        households=len(review.cases),
    )


def request_form(value: str) -> RequestForm:
    try:
        return RequestForm(value)
    except ValueError:
        raise InvalidInput(
            errors=[FieldError("form", "Mẫu đơn: `mau_01` (rà soát) hoặc `mau_04` (thoát nghèo).")]
        ) from None
