"""Parse and validate a procedure definition (a JSON document already decoded): pure.

Every problem is reported, each with the path of the offending value
(``workflows.three_level.steps[2].working_days``), in one ``ProcedureDefinitionError``.
Cross-checks: forms referred to by purposes exist; step ids are unique; a workflow starts at
the commune, ends with a ``decision`` step at its deciding level, and its levels exist in its
administrative model.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from ansinh_common.authz import Kind, Level, UnitModel
from ansinh_common.authz.tables import MODEL_LEVELS
from ansinh_common.errors import FieldError
from dossier.domain.errors import ProcedureDefinitionError
from dossier.domain.procedures.model import (
    Choice,
    EffectKind,
    FieldType,
    Form,
    FormField,
    Place,
    Procedure,
    Purpose,
    RegistryEffect,
    RequiredDocument,
    Step,
    StepKind,
    Workflow,
)

SCHEMA_VERSION = 1
T = TypeVar("T")


class _Errors:
    def __init__(self) -> None:
        self.items: list[FieldError] = []

    def add(self, path: str, message: str) -> None:
        self.items.append(FieldError(path, message, "invalid_definition"))


def _get(doc: Mapping[str, Any], key: str, kind: type[T], path: str, errs: _Errors) -> T | None:
    where = f"{path}.{key}" if path else key
    if key not in doc:
        errs.add(where, "Thiếu trường bắt buộc.")
        return None
    value = doc[key]
    if (kind is int and isinstance(value, bool)) or not isinstance(value, kind):
        errs.add(where, f"Phải có kiểu {kind.__name__}.")
        return None
    return value


def _opt(doc: Mapping[str, Any], key: str, kind: type[T], default: T, path: str, e: _Errors) -> T:
    if key not in doc:
        return default
    value = _get(doc, key, kind, path, e)
    return default if value is None else value


def _enum(value: Any, enum: Callable[[str], T], path: str, errs: _Errors) -> T | None:
    try:
        return enum(value)
    except (ValueError, TypeError):
        errs.add(path, f"Giá trị không hợp lệ: {value!r}.")
        return None


def _list(doc: Mapping[str, Any], key: str, path: str, errs: _Errors) -> list[Any]:
    value = _get(doc, key, list, path, errs)
    return value if value is not None else []


def _field(doc: Any, path: str, errs: _Errors) -> FormField | None:
    if not isinstance(doc, dict):
        errs.add(path, "Phải là một đối tượng.")
        return None
    name, label = _get(doc, "name", str, path, errs), _get(doc, "label", str, path, errs)
    ftype = _enum(doc.get("type"), FieldType, f"{path}.type", errs)
    choices = tuple(
        Choice(str(c.get("value")), str(c.get("label")))
        for c in _opt(doc, "choices", list, [], path, errs)
        if isinstance(c, dict)
    )
    if ftype is FieldType.CHOICE and not choices:
        errs.add(f"{path}.choices", "Trường lựa chọn phải có danh sách giá trị.")
    subfields: list[FormField] = []
    if ftype is FieldType.GROUP:
        for i, sub in enumerate(_list(doc, "fields", path, errs)):
            parsed = _field(sub, f"{path}.fields[{i}]", errs)
            if parsed is not None:
                subfields.append(parsed)
    if name is None or label is None or ftype is None:
        return None
    max_items = doc.get("max_items")
    return FormField(
        name=name,
        label=label,
        type=ftype,
        required=_opt(doc, "required", bool, False, path, errs),
        policy=_opt(doc, "policy", bool, False, path, errs),
        hiv_related=_opt(doc, "hiv_related", bool, False, path, errs),
        public=_opt(doc, "public", bool, False, path, errs),
        uppercase=_opt(doc, "uppercase", bool, False, path, errs),
        max_length=doc.get("max_length") if isinstance(doc.get("max_length"), int) else None,
        minimum=doc.get("minimum") if isinstance(doc.get("minimum"), int) else None,
        maximum=doc.get("maximum") if isinstance(doc.get("maximum"), int) else None,
        not_in_future=_opt(doc, "not_in_future", bool, False, path, errs),
        choices=choices,
        fields=tuple(subfields),
        repeat=_opt(doc, "repeat", bool, False, path, errs),
        min_items=_opt(doc, "min_items", int, 0, path, errs),
        max_items=max_items if isinstance(max_items, int) else None,
    )


def _form(form_id: str, doc: Any, path: str, errs: _Errors) -> Form | None:
    if not isinstance(doc, dict):
        errs.add(path, "Phải là một đối tượng.")
        return None
    fields = [
        _field(f, f"{path}.fields[{i}]", errs)
        for i, f in enumerate(_list(doc, "fields", path, errs))
    ]
    names = [f.name for f in fields if f is not None]
    for dup in sorted({n for n in names if names.count(n) > 1}):
        errs.add(f"{path}.fields", f"Tên trường {dup!r} bị trùng.")
    name, basis = _get(doc, "name", str, path, errs), _get(doc, "legal_basis", str, path, errs)
    if name is None or basis is None:
        return None
    return Form(form_id, name, basis, tuple(f for f in fields if f is not None))


def _frozen(doc: Mapping[str, Any], key: str, path: str, errs: _Errors) -> frozenset[str] | None:
    if key not in doc or doc[key] is None:
        return None
    value = doc[key]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        errs.add(f"{path}.{key}", "Phải là danh sách chuỗi.")
        return None
    return frozenset(value)


def _document(doc: Any, path: str, errs: _Errors) -> RequiredDocument | None:
    if not isinstance(doc, dict):
        errs.add(path, "Phải là một đối tượng.")
        return None
    did, name = _get(doc, "id", str, path, errs), _get(doc, "name", str, path, errs)
    if did is None or name is None:
        return None
    return RequiredDocument(
        id=did,
        name=name,
        population_db=_opt(doc, "population_db", bool, False, path, errs),
        hiv_related=_opt(doc, "hiv_related", bool, False, path, errs),
        forms=_frozen(doc, "forms", path, errs),
        purposes=_frozen(doc, "purposes", path, errs),
    )


def _purpose(doc: Any, path: str, forms: Mapping[str, Form], errs: _Errors) -> Purpose | None:
    if not isinstance(doc, dict):
        errs.add(path, "Phải là một đối tượng.")
        return None
    pid, name = _get(doc, "id", str, path, errs), _get(doc, "name", str, path, errs)
    raw_forms = _get(doc, "forms", dict, path, errs) or {}
    mapped: dict[str, tuple[str, ...]] = {}
    for group, ids in raw_forms.items():
        where = f"{path}.forms.{group}"
        if not isinstance(ids, list) or not ids or not all(isinstance(i, str) for i in ids):
            errs.add(where, "Phải là danh sách mã mẫu tờ khai, không rỗng.")
            continue
        for form_id in ids:
            if form_id not in forms:
                errs.add(where, f"Không có mẫu tờ khai {form_id!r} trong định nghĩa.")
        mapped[group] = tuple(ids)
    effect_doc = _get(doc, "effect", dict, path, errs) or {}
    kind = _enum(effect_doc.get("kind"), EffectKind, f"{path}.effect.kind", errs)
    benefit = effect_doc.get("benefit")
    if pid is None or name is None or kind is None:
        return None
    return Purpose(
        pid, name, mapped, RegistryEffect(kind, benefit if isinstance(benefit, str) else None)
    )


def _step(doc: Any, path: str, errs: _Errors) -> Step | None:
    if not isinstance(doc, dict):
        errs.add(path, "Phải là một đối tượng.")
        return None
    sid, name = _get(doc, "id", str, path, errs), _get(doc, "name", str, path, errs)
    kind = _enum(doc.get("kind"), StepKind, f"{path}.kind", errs)
    level = _enum(doc.get("level"), Level, f"{path}.level", errs)
    days = _get(doc, "working_days", int, path, errs)
    if days is not None and days < 0:
        errs.add(f"{path}.working_days", "Số ngày làm việc không được âm.")
    roles: list[Kind] = []
    for i, r in enumerate(_list(doc, "roles", path, errs)):
        role = _enum(r, Kind, f"{path}.roles[{i}]", errs)
        if role is not None and role in (Kind.CITIZEN, Kind.ADMIN):
            errs.add(f"{path}.roles[{i}]", "Chỉ cán bộ hoặc lãnh đạo xử lý một bước.")
        elif role is not None:
            roles.append(role)
    if not roles and "roles" in doc:
        errs.add(f"{path}.roles", "Phải có ít nhất một vai trò.")
    place = _enum(doc.get("place", "origin"), Place, f"{path}.place", errs)
    if None in (sid, name, kind, level, days, place) or not roles:
        return None
    assert sid is not None and name is not None and kind is not None and level is not None
    assert days is not None and place is not None
    return Step(
        id=sid,
        kind=kind,
        name=name,
        level=level,
        roles=frozenset(roles),
        working_days=days,
        place=place,
        legal_basis=_opt(doc, "legal_basis", str, "", path, errs),
        population_check=_opt(doc, "population_check", bool, False, path, errs),
    )


def _workflow(model: UnitModel, doc: Any, path: str, errs: _Errors) -> Workflow | None:
    if not isinstance(doc, dict):
        errs.add(path, "Phải là một đối tượng.")
        return None
    deciding = _enum(doc.get("deciding_level"), Level, f"{path}.deciding_level", errs)
    basis = _get(doc, "legal_basis", str, path, errs)
    raw_steps = _list(doc, "steps", path, errs)
    steps = [_step(s, f"{path}.steps[{i}]", errs) for i, s in enumerate(raw_steps)]
    if None in steps or deciding is None or basis is None:
        return None
    ok = [s for s in steps if s is not None]
    _check_steps(model, deciding, ok, path, errs)
    return Workflow(model, deciding, tuple(ok), basis)


def _check_steps(
    model: UnitModel, deciding: Level, steps: list[Step], path: str, e: _Errors
) -> None:
    if not steps:
        e.add(f"{path}.steps", "Quy trình phải có ít nhất một bước.")
        return
    ids = [s.id for s in steps]
    for dup in sorted({i for i in ids if ids.count(i) > 1}):
        e.add(f"{path}.steps", f"Mã bước {dup!r} bị trùng.")
    levels = MODEL_LEVELS[model]
    for i, s in enumerate(steps):
        if s.level not in levels:
            e.add(f"{path}.steps[{i}].level", f"Cấp {s.level} không có trong mô hình {model}.")
    if steps[0].level is not Level.COMMUNE:
        e.add(f"{path}.steps[0].level", "Bước đầu tiên phải do cấp xã thực hiện.")
    last = steps[-1]
    if last.kind is not StepKind.DECISION or last.level is not deciding:
        e.add(f"{path}.steps", "Bước cuối phải là ký quyết định tại cấp quyết định.")
    kinds = [s.kind for s in steps]
    for kind in StepKind:
        if kinds.count(kind) > 1:
            e.add(f"{path}.steps", f"Loại bước {kind} chỉ được xuất hiện một lần.")
    if StepKind.APPRAISAL not in kinds:
        e.add(f"{path}.steps", "Quy trình phải có bước thẩm định.")
    order = {k: i for i, k in enumerate(StepKind)}
    if kinds != sorted(kinds, key=order.__getitem__):
        e.add(f"{path}.steps", "Các bước phải theo thứ tự: " + ", ".join(StepKind) + ".")
    if StepKind.FORWARD in kinds and StepKind.POSTING not in kinds:
        e.add(f"{path}.steps", "Bước chuyển hồ sơ sau niêm yết cần có bước niêm yết.")
    if StepKind.OBJECTIONS in kinds and StepKind.POSTING not in kinds:
        e.add(f"{path}.steps", "Bước giải quyết khiếu nại cần có bước niêm yết.")


def parse_procedure(doc: Any) -> Procedure:
    """Build a ``Procedure`` from a decoded JSON document; raise with every problem found."""
    errs = _Errors()
    if not isinstance(doc, dict):
        raise ProcedureDefinitionError(errors=[FieldError("", "Phải là một đối tượng JSON.")])
    schema = _get(doc, "schema", int, "", errs)
    if schema is not None and schema != SCHEMA_VERSION:
        errs.add("schema", f"Chỉ hỗ trợ phiên bản cấu trúc {SCHEMA_VERSION}.")
    pid = _get(doc, "id", str, "", errs)
    code = _get(doc, "national_code", str, "", errs)
    version = _get(doc, "version", str, "", errs)
    name = _get(doc, "name", str, "", errs)
    basis = _get(doc, "legal_basis", str, "", errs)
    valid_from: dt.date | None = None
    raw_from = _get(doc, "valid_from", str, "", errs)
    if raw_from is not None:
        try:
            valid_from = dt.date.fromisoformat(raw_from)
        except ValueError:
            errs.add("valid_from", "Ngày phải theo dạng YYYY-MM-DD.")
    forms: dict[str, Form] = {}
    for form_id, form_doc in (_get(doc, "forms", dict, "", errs) or {}).items():
        form = _form(form_id, form_doc, f"forms.{form_id}", errs)
        if form is not None:
            forms[form_id] = form
    purposes = [
        _purpose(p, f"purposes[{i}]", forms, errs)
        for i, p in enumerate(_list(doc, "purposes", "", errs))
    ]
    pids = [p.id for p in purposes if p is not None]
    for dup in sorted({p for p in pids if pids.count(p) > 1}):
        errs.add("purposes", f"Mục đích {dup!r} bị trùng.")
    documents = [
        _document(d, f"documents[{i}]", errs)
        for i, d in enumerate(_list(doc, "documents", "", errs))
    ]
    for i, d in enumerate(documents):
        for form_id in sorted(d.forms or ()) if d is not None else ():
            if form_id not in forms:
                errs.add(
                    f"documents[{i}].forms", f"Không có mẫu tờ khai {form_id!r} trong định nghĩa."
                )
    workflows: dict[UnitModel, Workflow] = {}
    for key, wf_doc in (_get(doc, "workflows", dict, "", errs) or {}).items():
        model = _enum(key, UnitModel, f"workflows.{key}", errs)
        if model is not None:
            wf = _workflow(model, wf_doc, f"workflows.{key}", errs)
            if wf is not None:
                workflows[model] = wf
    if not workflows and not errs.items:
        errs.add("workflows", "Phải có quy trình cho ít nhất một mô hình tổ chức.")
    unverified = doc.get("unverified", [])
    if not isinstance(unverified, list) or not all(isinstance(u, str) for u in unverified):
        errs.add("unverified", "Phải là danh sách chuỗi.")
        unverified = []
    poverty = doc.get("poverty_status_categories", [])
    if not isinstance(poverty, list) or not all(isinstance(g, str) for g in poverty):
        errs.add("poverty_status_categories", "Phải là danh sách mã nhóm đối tượng.")
        poverty = []
    known = {g for p in purposes if p is not None for g in p.groups}
    for g in sorted(set(poverty) - known):
        errs.add("poverty_status_categories", f"Không có nhóm đối tượng {g!r} trong các mục đích.")
    if errs.items:
        raise ProcedureDefinitionError(errors=errs.items)
    assert pid and code and version and name and basis and valid_from
    return Procedure(
        id=pid,
        national_code=code,
        version=version,
        valid_from=valid_from,
        name=name,
        legal_basis=basis,
        purposes=tuple(p for p in purposes if p is not None),
        forms=forms,
        documents=tuple(d for d in documents if d is not None),
        workflows=workflows,
        unverified=tuple(unverified),
        poverty_status_categories=frozenset(poverty),
    )
