"""The provincial-sync gap (ADR 0042): for the provinces in two-way sync, the dossiers in the
provincial one-stop system but not here, and the dossiers here the province was never told of,
as of the end of a month. Plain data and rules, no I/O.

Facts come from three topics: a ``ProvincialDossierSubmitted`` on a province's inbound topic
(the province has the dossier), the dossier's first ``DossierStatusChanged`` (the dossier is
here, with the provincial code when it came from the province), and a
``ProvincialStatusUpdate`` on the outbound topic (the province was told of the dossier).
Every fact keeps its earliest time, so the read model does not depend on the order of the
topics (a replay rebuilds it identically).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from ansinh_common.catalogs.admin_units import CatalogVersion, find_unit
from ansinh_common.catalogs.provincial_sync import SyncMode, SyncModes
from ansinh_common.errors import FailedPrecondition, FieldError, InvalidInput

LEGAL_BASIS = (
    "Decree 61/2018/NĐ-CP and Decree 107/2021/NĐ-CP (one-stop mechanism; the provincial "
    "one-stop systems connected with the national system exchange dossiers and statuses)"
)
VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
MAX_PAGE_SIZE = 500
DEFAULT_PAGE_SIZE = 100


@dataclass(frozen=True, slots=True)
class ProvincialSubmission:
    """The province has this dossier (its inbound message)."""

    provincial_code: str
    province_code: str
    procedure_code: str
    submitted_at: datetime


@dataclass(frozen=True, slots=True)
class PlatformDossier:
    """The dossier is here from ``created_at`` (its submission event)."""

    dossier_id: str
    dossier_code: str
    province_code: str
    procedure_code: str
    provincial_code: str | None
    created_at: datetime


@dataclass(frozen=True, slots=True)
class ProvinceTold:
    """The province was told of the dossier (an outbound status update)."""

    dossier_id: str
    dossier_code: str
    province_code: str
    procedure_code: str
    provincial_code: str | None
    told_at: datetime


SyncFact = ProvincialSubmission | PlatformDossier | ProvinceTold


@dataclass(frozen=True, slots=True)
class GapScope:
    """The provinces reported (two-way only) and the end of the month, in Vietnam's time."""

    level: str  # "country" or "province"
    unit_code: str  # "VN" or the province
    month: date
    provinces: tuple[str, ...]
    page: int
    page_size: int

    @property
    def until(self) -> datetime:
        """The first instant after the month (facts strictly before it count)."""
        first_next = (self.month.replace(day=28) + timedelta(days=4)).replace(day=1)
        return datetime.combine(first_next, time(), VIETNAM)

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.page_size


@dataclass(frozen=True, slots=True)
class GapCount:
    key: str
    in_province_not_here: int
    here_not_in_province: int


@dataclass(frozen=True, slots=True)
class ProvincialOnly:
    provincial_code: str
    province_code: str
    procedure_code: str
    submitted_on: date


@dataclass(frozen=True, slots=True)
class PlatformOnly:
    dossier_id: str
    dossier_code: str
    province_code: str
    procedure_code: str
    submitted_on: date


@dataclass(frozen=True, slots=True)
class ProvincialSyncGap:
    scope: GapScope
    by_province: tuple[GapCount, ...]
    by_procedure: tuple[GapCount, ...]
    provincial_only: tuple[ProvincialOnly, ...]  # the page asked for
    platform_only: tuple[PlatformOnly, ...]  # the page asked for

    @property
    def in_province_not_here(self) -> int:
        return sum(c.in_province_not_here for c in self.by_province)

    @property
    def here_not_in_province(self) -> int:
        return sum(c.here_not_in_province for c in self.by_province)


class NotInTwoWaySync(FailedPrecondition):
    """The province does not exchange statuses with the platform: it has no gap to report."""


def gap_unit(level: str, unit_code: str, *, page: int, page_size: int) -> str:
    """Check the request; every problem named by field. The unit asked for (``VN`` or a
    province of the 2025 catalog)."""
    problems: list[FieldError] = []
    code = unit_code or "VN"
    if level not in ("country", "province"):
        problems.append(FieldError("level", "Cấp báo cáo chỉ là country (cả nước) hoặc province."))
    elif level == "country" and code != "VN":
        problems.append(FieldError("unit_code", "Báo cáo cả nước không nhận mã đơn vị."))
    elif level == "province" and (
        (unit := find_unit(code, CatalogVersion.V2025)) is None or unit.level.value != "province"
    ):
        problems.append(FieldError("unit_code", f"Mã {code!r} không phải mã tỉnh (danh mục 2025)."))
    if page < 0:
        problems.append(FieldError("page", "Số trang phải từ 1 trở lên."))
    if not 0 <= page_size <= MAX_PAGE_SIZE:
        problems.append(FieldError("page_size", f"Số dòng mỗi trang từ 1 đến {MAX_PAGE_SIZE}."))
    if problems:
        raise InvalidInput("Yêu cầu báo cáo đồng bộ với tỉnh không hợp lệ.", errors=problems)
    return code


def gap_scope(
    level: str, code: str, month: date, modes: SyncModes, *, page: int, page_size: int
) -> GapScope:
    """The provinces reported: every two-way province for the country, the province itself
    when it is two-way (a one-way or unconnected province has no gap: refused)."""
    two_way = modes.provinces_in(SyncMode.TWO_WAY)
    if level == "province":
        if code not in two_way:
            raise NotInTwoWaySync(
                f"Tỉnh {code} không đồng bộ hai chiều với hệ thống một cửa của tỉnh "
                f"(chế độ: {modes.mode_of(code).value}); không có chênh lệch để báo cáo."
            )
        two_way = (code,)
    return GapScope(level, code, month, two_way, page or 1, page_size or DEFAULT_PAGE_SIZE)
