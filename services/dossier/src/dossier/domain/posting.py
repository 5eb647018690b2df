"""The public posting list (danh sách niêm yết công khai) at the commune office.

Only fields marked ``public`` in the form (name, year of birth, hamlet), the purpose, the
category and the coefficient are posted; free text and personal numbers never are.
HIV-related information is never posted (Decree 20/2021/NĐ-CP Art. 8.1.b): a dossier whose
category is HIV-related (Art. 5.3, 5.8), or whose form declares an HIV-related fact, is left
out of the list entirely, because even a neutral line would single the person out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ansinh_common.catalogs.assistance_categories import get_category
from dossier.domain.dossier import Dossier
from dossier.domain.procedures.model import FieldType, Form, FormField, Procedure

LEGAL_BASIS = "Decree 20/2021/NĐ-CP Art. 8.1.b"
HIV_CATEGORIES: frozenset[str] = frozenset({"5.3", "5.8"})


@dataclass(frozen=True, slots=True)
class PostingEntry:
    order: int
    full_name: str
    birth_year: int | None
    hamlet: str | None
    purpose: str
    category: str | None
    coefficient: Decimal | None

    def line(self) -> str:
        parts = [f"{self.order}. {self.full_name}"]
        if self.birth_year:
            parts.append(f"sinh năm {self.birth_year}")
        if self.hamlet:
            parts.append(self.hamlet)
        parts.append(self.purpose)
        if self.category:
            parts.append(self.category)
        if self.coefficient is not None:
            parts.append(f"hệ số {self.coefficient}")
        return " — ".join(parts)


@dataclass(frozen=True, slots=True)
class PostingList:
    unit_code: str
    posted_on: dt.date
    entries: tuple[PostingEntry, ...]
    legal_basis: str = LEGAL_BASIS

    def lines(self) -> list[str]:
        title = (
            f"DANH SÁCH NIÊM YẾT CÔNG KHAI — đơn vị {self.unit_code}, "
            f"ngày {self.posted_on:%d/%m/%Y}"
        )
        return [title, *(e.line() for e in self.entries)]


def _declares_hiv(fields: tuple[FormField, ...], values: Mapping[str, Any]) -> bool:
    for spec in fields:
        value = values.get(spec.name)
        if spec.hiv_related and value:
            return True
        if spec.type is FieldType.GROUP and value:
            items = value if isinstance(value, list) else [value]
            if any(_declares_hiv(spec.fields, item) for item in items if isinstance(item, Mapping)):
                return True
    return False


def is_hiv_related(dossier: Dossier, form: Form) -> bool:
    category = dossier.appraisal.category_code if dossier.appraisal else None
    return category in HIV_CATEGORIES or _declares_hiv(form.fields, dossier.values)


def _public(form: Form, values: Mapping[str, Any], name: str) -> Any:
    spec = form.field_named(name)
    return values.get(name) if spec is not None and spec.public else None


def build_posting_list(
    dossiers: Iterable[Dossier],
    procedure_of: Callable[[Dossier], Procedure],
    *,
    unit_code: str,
    posted_on: dt.date,
) -> PostingList:
    """The list to post for ``unit_code``, in dossier-code order, HIV-related dossiers left out."""
    entries: list[PostingEntry] = []
    for dossier in sorted(dossiers, key=lambda d: d.code):
        procedure = procedure_of(dossier)
        form = procedure.forms[dossier.form_id]
        if is_hiv_related(dossier, form):
            continue
        name = _public(form, dossier.values, "full_name")
        if not name:
            continue
        birth = _public(form, dossier.values, "birth_date")
        appraisal = dossier.appraisal
        category = (
            get_category(appraisal.category_code).name
            if appraisal and appraisal.category_code
            else None
        )
        entries.append(
            PostingEntry(
                order=len(entries) + 1,
                full_name=str(name),
                birth_year=birth.year if isinstance(birth, dt.date) else None,
                hamlet=_public(form, dossier.values, "hamlet"),
                purpose=procedure.purpose(dossier.purpose_id).name,
                category=category,
                coefficient=appraisal.coefficient if appraisal else None,
            )
        )
    return PostingList(unit_code, posted_on, tuple(entries))
