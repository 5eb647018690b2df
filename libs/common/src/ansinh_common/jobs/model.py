"""What a job's work reports and returns (plain values, no I/O)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from google.protobuf.message import Message


@dataclass(frozen=True)
class Progress:
    """A progress report: ``done`` of ``total`` units (e.g. rows) in ``phase``."""

    phase: str
    done: int
    total: int
    percent: int
    unit: str = "rows"


ProgressReporter = Callable[[Progress], None]


@dataclass(frozen=True)
class JobFile:
    """A file produced by a job, served by ``JobService.GetJobFile``."""

    name: str
    content: bytes
    content_type: str
    file_name: str = ""


@dataclass(frozen=True)
class JobOutcome:
    """A job's result message (bytes fields cleared: files travel as ``files``)."""

    result: Message
    files: Sequence[JobFile] = field(default_factory=tuple)
