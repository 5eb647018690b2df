"""A procedure (thủ tục hành chính) as a versioned definition: data, not code.

A definition holds the national code and Vietnamese name, the purposes it serves (grant,
adjust, stop, ...), the declaration forms of Decree 20/2021/NĐ-CP's annex, the required
documents (marking those the national population database already holds), and one workflow
per administrative model (steps with level, roles and deadline in working days, deciding
level). The shipped definitions live in ``procedures/data/*.json`` and are read by
``parser.parse_procedure``; facts not confirmed against the legal text are listed in
``unverified`` of each definition.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from ansinh_common.authz import Kind, Level, UnitModel


class FieldType(StrEnum):
    TEXT = "text"
    INTEGER = "integer"
    MONEY = "money"  # whole VND
    DATE = "date"  # ISO yyyy-mm-dd
    BOOLEAN = "boolean"
    CHOICE = "choice"  # one of ``options``
    PERSONAL_ID = "personal_id"  # 12-digit số định danh cá nhân
    ETHNICITY = "ethnicity"  # two-digit code of the national catalog
    UNIT_CODE = "unit_code"  # administrative-unit code (5 digits: commune)
    GROUP = "group"  # nested fields; a list of them when ``repeat``


@dataclass(frozen=True, slots=True)
class Choice:
    value: str
    label: str


@dataclass(frozen=True, slots=True)
class FormField:
    """One field of a declaration form.

    ``policy``: benefit information only the competent agency sets (Circular 11/2019 Art. 4.1);
    ``hiv_related``: never posted publicly (Decree 20/2021 Art. 8.1.b); ``public``: may appear
    on the public posting list.
    """

    name: str
    label: str
    type: FieldType
    required: bool = False
    policy: bool = False
    hiv_related: bool = False
    public: bool = False
    uppercase: bool = False
    max_length: int | None = None
    minimum: int | None = None
    maximum: int | None = None
    not_in_future: bool = False
    choices: tuple[Choice, ...] = ()
    fields: tuple[FormField, ...] = ()  # GROUP only
    repeat: bool = False  # GROUP only
    min_items: int = 0
    max_items: int | None = None


@dataclass(frozen=True, slots=True)
class Form:
    id: str  # "1a", "2b", "04", ...
    name: str
    legal_basis: str
    fields: tuple[FormField, ...]

    def field_named(self, name: str) -> FormField | None:
        return next((f for f in self.fields if f.name == name), None)


@dataclass(frozen=True, slots=True)
class RequiredDocument:
    """A paper the applicant must provide; ``population_db``: shown, not collected."""

    id: str
    name: str
    population_db: bool = False
    hiv_related: bool = False
    forms: frozenset[str] | None = None  # only with these forms; None: with any
    purposes: frozenset[str] | None = None  # only for these purposes; None: for all

    def applies_to(self, purpose: str, form_id: str) -> bool:
        if self.purposes is not None and purpose not in self.purposes:
            return False
        return self.forms is None or form_id in self.forms


class EffectKind(StrEnum):
    """What a decision does to the registry (through the registry's own use cases)."""

    REGISTER_BENEFICIARY = "register_beneficiary"  # tăng mới
    CHANGE_COEFFICIENT = "change_coefficient"  # thay đổi hệ số hưởng
    STOP_BENEFIT = "stop_benefit"  # thôi hưởng
    MOVE_RESIDENCE = "move_residence"  # chuyển đi / chuyển đến
    RECORD_DISABILITY_LEVEL = "record_disability_level"  # xác định mức độ khuyết tật
    ADMIT_TO_FACILITY = "admit_to_facility"  # tiếp nhận vào cơ sở trợ giúp xã hội
    ONE_OFF_PAYMENT = "one_off_payment"  # chi một lần (mai táng phí): no registry change


@dataclass(frozen=True, slots=True)
class RegistryEffect:
    kind: EffectKind
    benefit: str | None = None  # ``assistance_categories.Benefit`` value or "funeral_support"


@dataclass(frozen=True, slots=True)
class Purpose:
    """One thing a dossier of this procedure can ask for, e.g. grant the monthly allowance.

    ``forms`` maps a category code (Art. 5 group, "C1".."C4", or "*" for any) to the forms
    to fill in, first the applicant's declaration.
    """

    id: str
    name: str
    forms: Mapping[str, tuple[str, ...]]
    effect: RegistryEffect

    def forms_for(self, group: str | None) -> tuple[str, ...]:
        if group is not None and group in self.forms:
            return self.forms[group]
        if "*" in self.forms:
            return self.forms["*"]
        raise KeyError(group)

    @property
    def groups(self) -> tuple[str, ...]:
        return tuple(g for g in self.forms if g != "*")


class StepKind(StrEnum):
    """The kinds of step a workflow is made of; the state machine knows each kind."""

    REVIEW = "review"  # xem xét, xét duyệt tại cấp xã
    POSTING = "posting"  # niêm yết công khai (a fixed period)
    OBJECTIONS = "objections"  # giải quyết khiếu nại, tố cáo (only if any are recorded)
    FORWARD = "forward"  # gửi hồ sơ lên cấp trên (after the posting period)
    APPRAISAL = "appraisal"  # thẩm định, phê duyệt
    DECISION = "decision"  # ký quyết định


class Place(StrEnum):
    """Whose unit handles a step: where the applicant lives, or where they move to."""

    ORIGIN = "origin"
    DESTINATION = "destination"


@dataclass(frozen=True, slots=True)
class Step:
    id: str
    kind: StepKind
    name: str  # Vietnamese, shown to the applicant as the status of the dossier
    level: Level
    roles: frozenset[Kind]
    working_days: int
    place: Place = Place.ORIGIN
    legal_basis: str = ""
    population_check: bool = False  # the step must check the national population database


@dataclass(frozen=True, slots=True)
class Workflow:
    """The steps of the procedure under one administrative model."""

    model: UnitModel
    deciding_level: Level
    steps: tuple[Step, ...]
    legal_basis: str

    @property
    def statutory_working_days(self) -> int:
        """Working days from receipt to decision when no objection is raised."""
        return sum(s.working_days for s in self.steps if s.kind is not StepKind.OBJECTIONS)

    def step(self, kind: StepKind) -> Step | None:
        return next((s for s in self.steps if s.kind is kind), None)


@dataclass(frozen=True, slots=True)
class Procedure:
    id: str  # platform identifier of the definition, stable across versions
    national_code: str  # national catalogue code, e.g. "1.001776"
    version: str
    valid_from: dt.date
    name: str
    legal_basis: str
    purposes: tuple[Purpose, ...]
    forms: Mapping[str, Form]
    documents: tuple[RequiredDocument, ...]
    workflows: Mapping[UnitModel, Workflow]
    unverified: tuple[str, ...] = field(default=())
    poverty_status_categories: frozenset[str] = field(default=frozenset())
    """Categories whose dossiers need the household's poverty status at the commune's check
    (``domain.rules.poverty_status_required``)."""

    def purpose(self, purpose_id: str) -> Purpose:
        for p in self.purposes:
            if p.id == purpose_id:
                return p
        raise KeyError(purpose_id)

    def workflow(self, model: UnitModel) -> Workflow:
        return self.workflows[model]

    def documents_for(self, purpose: str, form_id: str) -> tuple[RequiredDocument, ...]:
        return tuple(d for d in self.documents if d.applies_to(purpose, form_id))

    def documents_to_collect(self, purpose: str, form_id: str) -> tuple[RequiredDocument, ...]:
        """The documents to ask for: those the population database does not hold."""
        return tuple(d for d in self.documents_for(purpose, form_id) if not d.population_db)
