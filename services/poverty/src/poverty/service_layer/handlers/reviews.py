"""Use cases of a commune's review (campaign): start it, list households, then each step.

The review is loaded locked, the step applied by the domain (``Review`` checks the order, the
role, level and unit, and the input), saved, and its events — with every decided status
appended to the households' history — committed together with the outbox.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from ansinh_common.auth.principal import Principal
from ansinh_common.authz import Action, Kind
from ansinh_common.authz.roles import role_specs
from ansinh_common.errors import FieldError, InvalidInput, NotFound, PermissionDenied
from poverty.domain import commands as c
from poverty.domain.actor import Actor
from poverty.domain.review import Channel, Request, RequestForm, Review, ReviewKind
from poverty.domain.rules.classification import classify
from poverty.domain.rules.low_income_worker import low_income_workers
from poverty.domain.standards import get_standard
from poverty.domain.survey import QuickIdentification, Survey
from poverty.service_layer.handlers import requests
from poverty.service_layer.handlers.households import Dependencies
from poverty.service_layer.unit_of_work import AbstractUnitOfWork

_DECIDING = (c.DecideReview, c.RecordDistrictOpinion)


def actor_of(principal: Principal) -> Actor:
    """The principal acting in official capacity (its most privileged official role)."""
    for spec in role_specs(principal.roles):
        if spec.kind in (Kind.OFFICER, Kind.LEADER) and spec.level is not None:
            return Actor(principal.subject, spec.kind, spec.level, principal.unit_code)
    raise PermissionDenied("Chỉ cán bộ, lãnh đạo các cấp thực hiện các bước rà soát.")


def start_review(
    principal: Principal,
    province_code: str,
    *,
    commune_code: str,
    kind: ReviewKind,
    started_on: dt.date,
    district_code: str | None,
    deps: Dependencies,
    new_id: Callable[[], str],
) -> Review:
    deps.access.check_residence(province_code, commune_code)
    deps.access.household(principal, Action.WRITE, commune_code)
    review = Review.start(
        new_id(), kind, commune_code=commune_code, district_code=district_code,
        started_on=started_on, actor=actor_of(principal),
    )  # fmt: skip
    with deps.uow(province_code) as uow:
        uow.reviews.add(review)
        if requests.take_pending(review, actor_of(principal), uow):
            uow.reviews.save(review)
        uow.commit()
    return review


def _locked(uow: AbstractUnitOfWork, review_id: str) -> Review:
    review = uow.reviews.get(review_id, for_update=True)
    if review is None:
        raise NotFound(f"Không tìm thấy kỳ rà soát {review_id}.")
    return review


def add_household(
    principal: Principal,
    province_code: str,
    review_id: str,
    household_id: str,
    request: tuple[RequestForm, Channel, dt.date] | None,
    deps: Dependencies,
) -> Review:
    with deps.uow(province_code) as uow:
        review = _locked(uow, review_id)
        deps.access.household(principal, Action.WRITE, review.commune_code)
        household = uow.households.get(household_id)
        if household is None or household.commune_code != review.commune_code:
            raise InvalidInput(
                errors=[FieldError("household_id", "Hộ không cư trú tại xã của kỳ rà soát.")]
            )
        previous = uow.households.history(household_id).as_of(review.started_on)
        form = Request(request[0], household_id, request[2], request[1]) if request else None
        review.add_household(
            household_id, village=household.village, previous_status=previous,
            actor=actor_of(principal), request=form,
        )  # fmt: skip
        uow.reviews.save(review)
        uow.commit()
    return review


def act(
    principal: Principal,
    province_code: str,
    review_id: str,
    action: c.ReviewAction,
    deps: Dependencies,
) -> Review:
    return act_together(principal, province_code, review_id, (action,), deps)


def act_together(
    principal: Principal,
    province_code: str,
    review_id: str,
    actions: Sequence[c.ReviewAction],
    deps: Dependencies,
) -> Review:
    """Apply ``actions`` in order in one transaction: all of them or none (an imported row)."""
    with deps.uow(province_code) as uow:
        review = _locked(uow, review_id)
        deciding = any(isinstance(a, _DECIDING) for a in actions)
        deps.access.household(principal, Action.DECIDE if deciding else Action.WRITE,
                              review.commune_code)  # fmt: skip
        actor = actor_of(principal)
        for action in actions:
            if isinstance(action, c.CloseList):
                requests.take_pending(review, actor, uow)
            _apply(review, action, actor, uow)
        uow.reviews.save(review)
        for event in review.events:
            uow.publish(event)
        review.events.clear()
        uow.commit()
    return review


def _apply(review: Review, action: c.ReviewAction, actor: Actor, uow: AbstractUnitOfWork) -> None:
    match action:
        case c.CloseList(on=on):
            review.close_list(on, actor)
        case c.RecordQuickIdentification(household_id=hid, on=on, criteria_met=met):
            review.record_quick_identification(QuickIdentification(hid, on, met), actor)
        case c.RecordSurvey(survey=answers):
            _record_survey(review, answers, actor, uow)
        case c.HoldVillageMeeting() as m:
            refs = m.minutes_refs
            if len(refs) != 2:
                raise InvalidInput(
                    errors=[FieldError("minutes_refs", "biên bản phải lập thành hai bản")]
                )
            review.hold_village_meeting(
                village=m.village, held_on=m.held_on, attendees=m.attendees,
                chaired_by=m.chaired_by, supervised_by=m.supervised_by,
                minutes_refs=(refs[0], refs[1]), agreeing=m.agreeing, actor=actor,
            )  # fmt: skip
        case c.StartPosting(on=on):
            review.start_posting(on, actor)
        case c.RecordObjection() as o:
            review.record_objection(
                o.objection_id, o.household_id, raised_by=o.raised_by, text=o.text, on=o.on,
                actor=actor,
            )  # fmt: skip
        case c.SettleObjection() as s:
            review.settle_objection(s.objection_id, resolution=s.resolution, on=s.on, actor=actor)
        case c.EndPosting(on=on):
            review.end_posting(on, actor)
        case c.RecordDistrictOpinion() as d:
            review.record_district_opinion(opinion=d.opinion, agrees=d.agrees, on=d.on, actor=actor)
        case c.DecideReview() as d:
            decided = review.decide(
                decision_number=d.decision_number, on=d.on, actor=actor,
                refusal_reasons=d.refusal_reasons,
            )  # fmt: skip
            for outcome in decided:
                uow.households.lock(outcome.household_id)
                history = uow.households.history(outcome.household_id)
                history.record(outcome.change)
                uow.households.append_change(outcome.household_id, outcome.change, review.review_id)


def _record_survey(
    review: Review, answers: c.SurveyAnswers, actor: Actor, uow: AbstractUnitOfWork
) -> None:
    household = uow.households.get(answers.household_id)
    if household is None or answers.household_id not in review.cases:
        raise InvalidInput(
            errors=[FieldError("survey.household_id", "Hộ không có trong danh sách rà soát.")]
        )
    survey = Survey.of(
        household, answers.surveyed_on, member_facts=answers.member_facts,
        household_facts=answers.household_facts, income_per_person=answers.income_per_person,
        answers=answers.answers,
    )  # fmt: skip
    classification = classify(survey, get_standard(review.standard_code))
    review.record_survey(classification, actor, low_income_workers(survey, classification))
