"""Status of a beneficiary record (trạng thái hưởng)."""

from __future__ import annotations

from enum import StrEnum


class RecordStatus(StrEnum):
    ACTIVE = "active"  # đang hưởng
    DECEASED = "deceased"  # đã chết (cắt chết)
    STOPPED = "stopped"  # thôi hưởng
    MOVED_OUT = "moved_out"  # đã chuyển đi

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    RecordStatus.ACTIVE: "đang hưởng",
    RecordStatus.DECEASED: "đã chết",
    RecordStatus.STOPPED: "thôi hưởng",
    RecordStatus.MOVED_OUT: "đã chuyển đi",
}
