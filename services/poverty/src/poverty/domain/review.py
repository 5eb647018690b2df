"""The review of a commune's poor and near-poor households as a state machine.

Steps (Decision 24/2021/QĐ-TTg): (1) the commune lists the households to review — existing poor
and near-poor households and requests (Mẫu 01 review, Mẫu 04 recognition as having left
poverty); (2) quick identification (Phiếu A), then the scored survey for those who need it;
(3) the village meeting votes each household's line, which passes with at least 50 % of the
attendees, otherwise the household goes back to step 2; (4) public posting, objections recorded
and settled; (5) in the three-level model only, the district chair's opinion; (6) the commune
chair's decision, with a written reason for every request refused.

Every action checks, in this order: the step (``ReviewOutOfOrder``, 409), then the role kind,
level and unit (``NotResponsible``, 403), then its input (``InvalidInput``, 422). A refused
action changes nothing. Steps 1-4 are the commune officer's, step 5 the district leader's,
step 6 the commune leader's (the chair). Decisions raise the domain events in ``events``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import IntEnum, StrEnum

from ansinh_common.authz import Kind, Level
from ansinh_common.errors import FieldError, InvalidInput
from poverty.domain.actor import Actor
from poverty.domain.errors import NotResponsible, OutsideReviewPeriod, ReviewOutOfOrder, field_error
from poverty.domain.events import Event, HouseholdLeftPoverty, HouseholdStatusDecided
from poverty.domain.model import HouseholdStatus, StatusChange
from poverty.domain.rules import review_calendar, village_vote
from poverty.domain.rules.classification import Classification
from poverty.domain.rules.review_outcome import (
    left_near_poverty,
    left_poverty,
    recognised_status,
)
from poverty.domain.standards import standard_for_year
from poverty.domain.survey import QuickIdentification


class ReviewKind(StrEnum):
    ANNUAL = "annual"  # rà soát định kỳ
    REGULAR = "regular"  # rà soát thường xuyên


class AdministrativeModel(StrEnum):
    THREE_LEVEL = "three_level"  # until 30 Jun 2025: the district chair gives an opinion
    TWO_LEVEL = "two_level"  # from 1 Jul 2025 (Decree 147/2025/NĐ-CP)


TWO_LEVEL_FROM = dt.date(2025, 7, 1)


def administrative_model_on(day: dt.date) -> AdministrativeModel:
    return (
        AdministrativeModel.TWO_LEVEL if day >= TWO_LEVEL_FROM else AdministrativeModel.THREE_LEVEL
    )


class Step(IntEnum):
    LISTING = 1
    SURVEY = 2
    VILLAGE_MEETING = 3
    POSTING = 4
    DISTRICT_OPINION = 5
    DECISION = 6
    DECIDED = 7


STEP_LABELS = {
    Step.LISTING: "Lập danh sách hộ cần rà soát",
    Step.SURVEY: "Nhận diện nhanh và khảo sát, chấm điểm",
    Step.VILLAGE_MEETING: "Họp dân thôn",
    Step.POSTING: "Niêm yết công khai",
    Step.DISTRICT_OPINION: "Ý kiến của Chủ tịch UBND cấp huyện",
    Step.DECISION: "Quyết định của Chủ tịch UBND cấp xã",
    Step.DECIDED: "Đã quyết định",
}


class RequestForm(StrEnum):
    MAU_01 = "mau_01"  # giấy đề nghị rà soát
    MAU_04 = "mau_04"  # giấy đề nghị công nhận thoát nghèo / thoát cận nghèo


class Channel(StrEnum):
    ONLINE = "online"
    COMMUNE = "commune"
    POST = "post"


@dataclass(frozen=True, slots=True)
class Request:
    form: RequestForm
    household_id: str
    received_on: dt.date
    channel: Channel

    def granted_by(self, previous: HouseholdStatus, recognised: HouseholdStatus) -> bool:
        """Mẫu 01 asks for recognition as poor or near-poor; Mẫu 04 for having left it."""
        if self.form is RequestForm.MAU_01:
            return recognised.is_poor_or_near_poor
        return left_poverty(previous, recognised) or left_near_poverty(previous, recognised)


class CaseState(StrEnum):
    LISTED = "listed"  # waiting for Phiếu A or the scored survey (step 2)
    READY = "ready"  # identified or surveyed, waiting for the village meeting
    APPROVED = "approved"  # passed the village meeting
    DECIDED = "decided"


@dataclass(slots=True)
class Case:
    household_id: str
    village: str
    previous_status: HouseholdStatus
    request: Request | None = None
    state: CaseState = CaseState.LISTED
    quick: QuickIdentification | None = None
    classification: Classification | None = None
    low_income_members: frozenset[str] = frozenset()
    returned_to_survey: int = 0

    @property
    def classified_status(self) -> HouseholdStatus:
        """Phiếu A criteria met: clearly not poor; otherwise the survey's classification."""
        if self.quick is not None and not self.quick.needs_survey:
            return HouseholdStatus.NONE
        assert self.classification is not None
        return self.classification.status

    @property
    def proposed_status(self) -> HouseholdStatus:
        return recognised_status(self.previous_status, self.classified_status)


@dataclass(frozen=True, slots=True)
class VillageMeeting:
    village: str
    held_on: dt.date
    attendees: tuple[str, ...]
    chaired_by: str  # the village head
    supervised_by: str  # the Fatherland Front's representative
    minutes_refs: tuple[str, str]  # two copies of the minutes
    agreeing: Mapping[str, int]  # household id -> attendees agreeing with its line
    returned: tuple[str, ...]  # households sent back to the survey


@dataclass(slots=True)
class Objection:
    objection_id: str
    household_id: str
    raised_by: str
    text: str
    raised_on: dt.date
    resolution: str | None = None
    settled_on: dt.date | None = None


@dataclass(frozen=True, slots=True)
class DistrictOpinion:
    opinion: str
    agrees: bool
    given_on: dt.date
    given_by: str


@dataclass(frozen=True, slots=True)
class DecidedHousehold:
    household_id: str
    previous_status: HouseholdStatus
    status: HouseholdStatus
    change: StatusChange
    refusal_reason: str | None = None  # written reason when a request is refused


@dataclass(slots=True)
class Review:
    review_id: str
    kind: ReviewKind
    commune_code: str
    district_code: str | None
    year: int
    standard_code: str
    started_on: dt.date
    model: AdministrativeModel
    cases: dict[str, Case] = field(default_factory=dict)
    list_closed_on: dt.date | None = None
    meetings: list[VillageMeeting] = field(default_factory=list)
    posting_started_on: dt.date | None = None
    posting_ended_on: dt.date | None = None
    objections: list[Objection] = field(default_factory=list)
    district_opinion: DistrictOpinion | None = None
    decision_number: str | None = None
    decided_on: dt.date | None = None
    decided: list[DecidedHousehold] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    version: int = 0

    # ----- start -------------------------------------------------------------------------
    @classmethod
    def start(
        cls,
        review_id: str,
        kind: ReviewKind,
        *,
        commune_code: str,
        district_code: str | None,
        started_on: dt.date,
        actor: Actor,
        standard_code: str | None = None,
        model: AdministrativeModel | None = None,
    ) -> Review:
        """Open a review; its standard is the review year's unless one is named (and matches)."""
        _require(actor, Kind.OFFICER, Level.COMMUNE, commune_code, "cán bộ cấp xã của xã rà soát")
        standard = standard_for_year(started_on.year).code
        if standard_code is not None and standard_code != standard:
            raise InvalidInput(
                errors=[
                    field_error(
                        "standard_code",
                        f"năm rà soát {started_on.year} áp dụng chuẩn {standard}, "
                        f"không phải {standard_code}",
                    )
                ]
            )
        if kind is ReviewKind.ANNUAL:
            review_calendar.check_annual_start(started_on.year, started_on)
        else:
            review_calendar.check_regular_start(started_on)
        chosen = model or administrative_model_on(started_on)
        if chosen is AdministrativeModel.THREE_LEVEL and not district_code:
            raise InvalidInput(errors=[field_error("district_code", "mô hình ba cấp cần mã huyện")])
        return cls(
            review_id, kind, commune_code, district_code, started_on.year, standard,
            started_on, chosen,
        )  # fmt: skip

    # ----- the current step -------------------------------------------------------------
    @property
    def step(self) -> Step:
        if self.decided_on is not None:
            return Step.DECIDED
        if self.list_closed_on is None:
            return Step.LISTING
        if self.posting_started_on is None:
            states = {c.state for c in self.cases.values()}
            if CaseState.LISTED in states:
                return Step.SURVEY
            return Step.VILLAGE_MEETING
        if self.posting_ended_on is None:
            return Step.POSTING
        if self.model is AdministrativeModel.THREE_LEVEL and self.district_opinion is None:
            return Step.DISTRICT_OPINION
        return Step.DECISION

    @property
    def decision_due(self) -> dt.date:
        return review_calendar.decision_due(
            self.kind is ReviewKind.ANNUAL, self.year, self.started_on
        )

    # ----- step 1 -------------------------------------------------------------------------
    def add_household(
        self,
        household_id: str,
        *,
        village: str,
        previous_status: HouseholdStatus,
        actor: Actor,
        request: Request | None = None,
    ) -> Case:
        self._at(Step.LISTING, "thêm hộ vào danh sách rà soát")
        self._commune_officer(actor)
        if household_id in self.cases:
            raise InvalidInput(errors=[field_error("household_id", "hộ đã có trong danh sách")])
        if request is not None and request.household_id != household_id:
            raise InvalidInput(errors=[field_error("request", "giấy đề nghị của hộ khác")])
        if request is None and not previous_status.is_poor_or_near_poor:
            raise InvalidInput(
                errors=[
                    field_error(
                        "request",
                        "hộ không thuộc diện nghèo, cận nghèo chỉ được rà soát khi có giấy đề nghị",
                    )
                ]
            )
        if (
            request is not None
            and request.form is RequestForm.MAU_04
            and not previous_status.is_poor_or_near_poor
        ):
            raise InvalidInput(
                errors=[field_error("request.form", "Mẫu 04 chỉ dành cho hộ nghèo, hộ cận nghèo")]
            )
        case = Case(household_id, village, previous_status, request)
        self.cases[household_id] = case
        self.version += 1
        return case

    def take_request(
        self, request: Request, *, village: str, previous_status: HouseholdStatus, actor: Actor
    ) -> Case:
        """A filed request joins the list: its household is listed, or the listed case keeps it."""
        case = self.cases.get(request.household_id)
        if case is None:
            return self.add_household(
                request.household_id, village=village, previous_status=previous_status,
                actor=actor, request=request,
            )  # fmt: skip
        self._at(Step.LISTING, "thêm giấy đề nghị vào danh sách rà soát")
        self._commune_officer(actor)
        if case.request is None:
            if request.form is RequestForm.MAU_04 and not case.previous_status.is_poor_or_near_poor:
                raise InvalidInput(
                    errors=[field_error("request.form", "Mẫu 04 chỉ dành cho hộ nghèo, cận nghèo")]
                )
            case.request = request
            self.version += 1
        return case

    def close_list(self, on: dt.date, actor: Actor) -> None:
        self._at(Step.LISTING, "chốt danh sách")
        self._commune_officer(actor)
        if not self.cases:
            raise InvalidInput("Danh sách hộ cần rà soát đang trống.")
        self.list_closed_on = on
        self.version += 1

    # ----- step 2 -------------------------------------------------------------------------
    def record_quick_identification(self, quick: QuickIdentification, actor: Actor) -> None:
        case = self._listed_case(quick.household_id, "ghi phiếu nhận diện nhanh (Phiếu A)")
        self._commune_officer(actor)
        case.quick = quick
        case.classification = None
        if not quick.needs_survey:
            case.state = CaseState.READY
        self.version += 1

    def record_survey(
        self,
        classification: Classification,
        actor: Actor,
        low_income_members: frozenset[str] = frozenset(),
    ) -> None:
        case = self._listed_case(classification.household_id, "ghi kết quả khảo sát, chấm điểm")
        self._commune_officer(actor)
        if case.quick is None or not case.quick.needs_survey:
            raise ReviewOutOfOrder(
                "Chỉ khảo sát, chấm điểm hộ đã qua nhận diện nhanh (Phiếu A) và cần khảo sát."
            )
        if classification.standard_code != self.standard_code:
            raise InvalidInput(
                errors=[
                    field_error(
                        "standard_code",
                        f"kỳ rà soát áp dụng chuẩn {self.standard_code}, "
                        f"không phải {classification.standard_code}",
                    )
                ]
            )
        case.classification = classification
        case.low_income_members = low_income_members
        case.state = CaseState.READY
        self.version += 1

    # ----- step 3 -------------------------------------------------------------------------
    def hold_village_meeting(
        self,
        *,
        village: str,
        held_on: dt.date,
        attendees: Sequence[str],
        chaired_by: str,
        supervised_by: str,
        minutes_refs: tuple[str, str],
        agreeing: Mapping[str, int],
        actor: Actor,
    ) -> VillageMeeting:
        """Record the meeting of ``village``; households below 50 % go back to step 2."""
        if self.step not in (Step.SURVEY, Step.VILLAGE_MEETING):
            raise ReviewOutOfOrder(self._out_of_order("họp dân thôn"))
        self._commune_officer(actor)
        village_cases = [c for c in self.cases.values() if c.village == village]
        waiting = [c for c in village_cases if c.state is CaseState.LISTED]
        if waiting:
            raise ReviewOutOfOrder(
                f"Thôn {village} còn {len(waiting)} hộ chưa nhận diện hoặc khảo sát xong."
            )
        to_vote = {c.household_id: c for c in village_cases if c.state is CaseState.READY}
        if not to_vote:
            raise ReviewOutOfOrder(f"Thôn {village} không có hộ nào chờ họp dân.")
        errors: list[FieldError] = []
        names = tuple(a.strip() for a in attendees)
        if not names or any(not a for a in names) or len(set(names)) != len(names):
            errors.append(
                field_error("attendees", "danh sách người dự họp trống, có tên trống hoặc trùng")
            )
        if not chaired_by.strip():
            errors.append(field_error("chaired_by", "cần trưởng thôn chủ trì"))
        if not supervised_by.strip():
            errors.append(field_error("supervised_by", "cần đại diện Mặt trận Tổ quốc giám sát"))
        if len(minutes_refs) != 2 or any(not r.strip() for r in minutes_refs):
            errors.append(field_error("minutes_refs", "biên bản phải lập thành hai bản"))
        for hid in to_vote.keys() - agreeing.keys():
            errors.append(field_error(f"agreeing.{hid}", "thiếu kết quả biểu quyết", "required"))
        for hid in agreeing.keys() - to_vote.keys():
            errors.append(field_error(f"agreeing.{hid}", "hộ không chờ biểu quyết ở thôn này"))
        for hid, votes in agreeing.items():
            if not 0 <= votes <= len(names):
                errors.append(
                    field_error(f"agreeing.{hid}", "số người đồng ý phải từ 0 đến số người dự họp")
                )
        if errors:
            raise InvalidInput(errors=errors)
        returned = []
        for hid, case in to_vote.items():
            if village_vote.passes(agreeing[hid], len(names)):
                case.state = CaseState.APPROVED
            else:
                case.state = CaseState.LISTED
                case.quick = None
                case.classification = None
                case.low_income_members = frozenset()
                case.returned_to_survey += 1
                returned.append(hid)
        meeting = VillageMeeting(
            village, held_on, names, chaired_by, supervised_by, minutes_refs,
            dict(agreeing), tuple(sorted(returned)),
        )  # fmt: skip
        self.meetings.append(meeting)
        self.version += 1
        return meeting

    # ----- step 4 -------------------------------------------------------------------------
    def start_posting(self, on: dt.date, actor: Actor) -> None:
        self._at(Step.VILLAGE_MEETING, "niêm yết công khai")
        self._commune_officer(actor)
        pending = [c.household_id for c in self.cases.values() if c.state is not CaseState.APPROVED]
        if pending:
            raise ReviewOutOfOrder(
                f"Còn {len(pending)} hộ chưa được họp dân thôn thông qua: "
                f"{', '.join(sorted(pending))}."
            )
        self._not_before(on, self.list_closed_on, "ngày chốt danh sách")
        self.posting_started_on = on
        self.version += 1

    def record_objection(
        self, objection_id: str, household_id: str, *, raised_by: str, text: str, on: dt.date,
        actor: Actor,
    ) -> Objection:  # fmt: skip
        self._at(Step.POSTING, "ghi nhận khiếu nại")
        self._commune_officer(actor)
        if household_id not in self.cases:
            raise InvalidInput(
                errors=[field_error("household_id", "hộ không có trong danh sách niêm yết")]
            )
        if not text.strip():
            raise InvalidInput(errors=[field_error("text", "cần nội dung khiếu nại")])
        if any(o.objection_id == objection_id for o in self.objections):
            raise InvalidInput(errors=[field_error("objection_id", "khiếu nại đã được ghi nhận")])
        objection = Objection(objection_id, household_id, raised_by, text.strip(), on)
        self.objections.append(objection)
        self.version += 1
        return objection

    def settle_objection(
        self,
        objection_id: str,
        *,
        resolution: str,
        on: dt.date,
        actor: Actor,
        reclassification: Classification | None = None,
    ) -> None:
        """Settle an objection; a re-survey's classification replaces the household's."""
        self._at(Step.POSTING, "giải quyết khiếu nại")
        self._commune_officer(actor)
        objection = next((o for o in self.objections if o.objection_id == objection_id), None)
        if objection is None:
            raise InvalidInput(errors=[field_error("objection_id", "không có khiếu nại này")])
        if objection.resolution is not None:
            raise ReviewOutOfOrder("Khiếu nại này đã được giải quyết.")
        if not resolution.strip():
            raise InvalidInput(errors=[field_error("resolution", "cần nội dung giải quyết")])
        if reclassification is not None:
            if reclassification.household_id != objection.household_id:
                raise InvalidInput(errors=[field_error("reclassification", "kết quả của hộ khác")])
            case = self.cases[objection.household_id]
            case.classification = reclassification
            case.quick = QuickIdentification(objection.household_id, on)
        objection.resolution = resolution.strip()
        objection.settled_on = on
        self.version += 1

    def end_posting(self, on: dt.date, actor: Actor) -> None:
        self._at(Step.POSTING, "kết thúc niêm yết")
        self._commune_officer(actor)
        open_ = [o.objection_id for o in self.objections if o.resolution is None]
        if open_:
            raise ReviewOutOfOrder(f"Còn khiếu nại chưa giải quyết: {', '.join(open_)}.")
        self._not_before(on, self.posting_started_on, "ngày bắt đầu niêm yết")
        self.posting_ended_on = on
        self.version += 1

    # ----- step 5 -------------------------------------------------------------------------
    def record_district_opinion(
        self, *, opinion: str, agrees: bool, on: dt.date, actor: Actor
    ) -> None:
        if self.model is not AdministrativeModel.THREE_LEVEL:
            raise ReviewOutOfOrder(
                "Mô hình chính quyền hai cấp không có bước xin ý kiến cấp huyện."
            )
        self._at(Step.DISTRICT_OPINION, "ghi ý kiến của Chủ tịch UBND cấp huyện")
        _require(actor, Kind.LEADER, Level.DISTRICT, self.district_code, "lãnh đạo huyện của xã")
        if not opinion.strip():
            raise InvalidInput(errors=[field_error("opinion", "cần nội dung ý kiến")])
        self._not_before(on, self.posting_ended_on, "ngày kết thúc niêm yết")
        self.district_opinion = DistrictOpinion(opinion.strip(), agrees, on, actor.subject)
        self.version += 1

    # ----- step 6 -------------------------------------------------------------------------
    def decide(
        self,
        *,
        decision_number: str,
        on: dt.date,
        actor: Actor,
        refusal_reasons: Mapping[str, str] | None = None,
    ) -> tuple[DecidedHousehold, ...]:
        """The chair's decision: every household's status, written reasons for refusals."""
        self._at(Step.DECISION, "ra quyết định công nhận")
        _require(actor, Kind.LEADER, Level.COMMUNE, self.commune_code, "Chủ tịch UBND xã rà soát")
        previous = (
            self.district_opinion.given_on if self.district_opinion else self.posting_ended_on
        )
        self._not_before(on, previous, "bước trước")
        if on > self.decision_due:
            raise OutsideReviewPeriod(
                f"Quá hạn ra quyết định: hạn chót là {self.decision_due:%d/%m/%Y}."
            )
        reasons = dict(refusal_reasons or {})
        errors: list[FieldError] = []
        if not decision_number.strip():
            errors.append(field_error("decision_number", "cần số quyết định"))
        outcomes: list[tuple[Case, HouseholdStatus, str | None]] = []
        for hid, case in sorted(self.cases.items()):
            status = case.proposed_status
            refused = case.request is not None and not case.request.granted_by(
                case.previous_status, status
            )
            reason = reasons.pop(hid, "").strip() or None
            if refused and reason is None:
                errors.append(
                    field_error(
                        f"refusal_reasons.{hid}", "từ chối đề nghị phải nêu rõ lý do", "required"
                    )
                )
            if not refused and reason is not None:
                errors.append(
                    field_error(f"refusal_reasons.{hid}", "đề nghị của hộ không bị từ chối")
                )
            outcomes.append((case, status, reason))
        for hid in reasons:
            errors.append(field_error(f"refusal_reasons.{hid}", "hộ không có trong kỳ rà soát"))
        if errors:
            raise InvalidInput(errors=errors)
        decided = []
        for case, status, reason in outcomes:
            c = case.classification
            change = StatusChange(
                review_year=self.year,
                status=status,
                effective_on=on,
                decision_number=decision_number.strip(),
                decided_by=actor.subject,
                standard_code=self.standard_code,
                deprivations=c.deprivation_codes if c is not None else (),
                low_income_members=case.low_income_members,
            )
            decided.append(
                DecidedHousehold(case.household_id, case.previous_status, status, change, reason)
            )
            case.state = CaseState.DECIDED
            self.events.append(
                HouseholdStatusDecided(
                    review_id=self.review_id,
                    household_id=case.household_id,
                    commune_code=self.commune_code,
                    review_year=self.year,
                    previous_status=case.previous_status,
                    status=status,
                    effective_on=on,
                    decision_number=change.decision_number,
                    decided_by=actor.subject,
                    standard_code=self.standard_code,
                    deprivations=change.deprivations,
                    low_income_members=tuple(sorted(change.low_income_members)),
                )
            )
            if left_poverty(case.previous_status, status):
                self.events.append(
                    HouseholdLeftPoverty(
                        review_id=self.review_id,
                        household_id=case.household_id,
                        commune_code=self.commune_code,
                        review_year=self.year,
                        status=status,
                        effective_on=on,
                        decision_number=change.decision_number,
                    )
                )
        self.decision_number = decision_number.strip()
        self.decided_on = on
        self.decided = decided
        self.version += 1
        return tuple(decided)

    def overdue_on(self, day: dt.date) -> bool:
        """True when the decision is not made and its last day has passed."""
        return self.decided_on is None and day > self.decision_due

    # ----- helpers ------------------------------------------------------------------------
    def _out_of_order(self, what: str) -> str:
        return (
            f"Không thể {what}: kỳ rà soát đang ở bước {int(self.step)} ({STEP_LABELS[self.step]})."
        )

    def _at(self, step: Step, what: str) -> None:
        if self.step is not step:
            raise ReviewOutOfOrder(self._out_of_order(what))

    @staticmethod
    def _not_before(on: dt.date, prior: dt.date | None, what: str) -> None:
        if prior is not None and on < prior:
            raise InvalidInput(
                errors=[field_error("on", f"ngày {on:%d/%m/%Y} trước {what} ({prior:%d/%m/%Y})")]
            )

    def _commune_officer(self, actor: Actor) -> None:
        _require(
            actor, Kind.OFFICER, Level.COMMUNE, self.commune_code, "cán bộ cấp xã của xã rà soát"
        )

    def _listed_case(self, household_id: str, what: str) -> Case:
        self._at(Step.SURVEY, what)
        case = self.cases.get(household_id)
        if case is None:
            raise InvalidInput(
                errors=[field_error("household_id", "hộ không có trong danh sách rà soát")]
            )
        if case.state is not CaseState.LISTED:
            raise ReviewOutOfOrder(f"Hộ {household_id} đã nhận diện hoặc khảo sát xong.")
        return case


def _require(actor: Actor, kind: Kind, level: Level, unit: str | None, who: str) -> None:
    if not actor.is_(kind, level, unit):
        raise NotResponsible(f"Bước này do {who} thực hiện.")
