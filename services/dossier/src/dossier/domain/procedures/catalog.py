"""The procedure definitions shipped with the service, loaded once and looked up by id.

Reading the package's own data files is the only I/O here, as in
``ansinh_common.catalogs``; parsing and validation are pure (``parser``). A new version of
a procedure is a new file with a later ``valid_from``; a dossier keeps the version it was
received under.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources

from dossier.domain.errors import ProcedureDefinitionError, UnknownProcedure
from dossier.domain.procedures.model import Procedure
from dossier.domain.procedures.parser import parse_procedure


@dataclass(frozen=True, slots=True)
class ProcedureCatalog:
    procedures: tuple[Procedure, ...]

    @classmethod
    def of(cls, procedures: Iterable[Procedure]) -> ProcedureCatalog:
        ordered = sorted(procedures, key=lambda p: (p.id, p.valid_from))
        keys = [(p.id, p.version) for p in ordered] + [(p.id, str(p.valid_from)) for p in ordered]
        duplicates = sorted({f"{i} {v}" for i, v in keys if keys.count((i, v)) > 1})
        if duplicates:
            raise ProcedureDefinitionError(
                "Hai định nghĩa thủ tục trùng phiên bản hoặc ngày hiệu lực: "
                + ", ".join(duplicates)
            )
        return cls(tuple(ordered))

    def ids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(p.id for p in self.procedures))

    def get(self, procedure_id: str, version: str | None = None) -> Procedure:
        """One version (or the latest) of a procedure; ``UnknownProcedure`` if none."""
        found = [p for p in self.procedures if p.id == procedure_id]
        if version is not None:
            found = [p for p in found if p.version == version]
        if not found:
            raise UnknownProcedure(f"Không có thủ tục hành chính {procedure_id!r}.")
        return found[-1]

    def in_force(self, procedure_id: str, on: dt.date) -> Procedure:
        """The version in force on ``on`` (the latest whose ``valid_from`` is not after it)."""
        found = [p for p in self.procedures if p.id == procedure_id and p.valid_from <= on]
        if not found:
            raise UnknownProcedure(
                f"Thủ tục hành chính {procedure_id!r} chưa có hiệu lực vào ngày {on:%d/%m/%Y}."
            )
        return found[-1]

    def by_national_code(self, code: str) -> tuple[Procedure, ...]:
        return tuple(p for p in self.procedures if p.national_code == code)


@cache
def shipped_catalog() -> ProcedureCatalog:
    """Every definition in ``procedures/data`` (parsed and validated on first use)."""
    folder = resources.files("dossier.domain.procedures").joinpath("data")
    docs = [
        json.loads(entry.read_text(encoding="utf-8"))
        for entry in sorted(folder.iterdir(), key=lambda e: e.name)
        if entry.name.endswith(".json")
    ]
    return ProcedureCatalog.of(parse_procedure(doc) for doc in docs)
