"""Plausible input (dates, control characters) and the personal-data log filter (issue 9)."""

from __future__ import annotations

import io
import json
import logging
from dataclasses import dataclass
from datetime import date

from ansinh_common.logging import json_handler
from ansinh_common.plausibility import has_control_characters, implausible
from ansinh_common.redaction import REDACTED, redact


@dataclass(frozen=True)
class Decision:
    number: str
    signed_on: date | None


@dataclass(frozen=True)
class Update:
    full_name: str | None
    birth_date: date | None


@dataclass(frozen=True)
class Command:
    principal: str
    update: Update
    decisions: tuple[Decision, ...]


def test_control_characters() -> None:
    assert not has_control_characters("Nguyễn Văn An\nTổ 3\tphố Huế")
    for bad in ("a\x00", "a\x0b", "\x1f", "a\x7f", "\ud800", "\ufffe", "a\U0010ffff"):
        assert has_control_characters(bad), repr(bad)


def test_implausible_names_every_field() -> None:
    command = Command(
        principal="\x00 not visited",
        update=Update("An\x07", date(293, 11, 15)),
        decisions=(Decision("1/QĐ", date(2025, 7, 1)), Decision("2\x0b", date(7942, 12, 13))),
    )
    errors = implausible(command, skip=("principal",), flatten=("update",))
    assert {(e.field, e.code) for e in errors} == {
        ("full_name", "control_characters"),
        ("birth_date", "out_of_range"),
        ("decisions[1].number", "control_characters"),
        ("decisions[1].signed_on", "out_of_range"),
    }
    assert implausible(Decision("1/QĐ", date(1900, 1, 1))) == []
    assert implausible(Decision("1/QĐ", date(2099, 12, 31))) == []


def test_redact_numbers_but_not_ids() -> None:
    assert redact("GET /v1/citizens/001090012345 200") == f"GET /v1/citizens/{REDACTED} 200"
    assert redact("gọi 0912000111 hoặc +84912000111") == f"gọi {REDACTED} hoặc {REDACTED}"
    assert redact("tài khoản 0123456789012, CMND 123456789") == (
        f"tài khoản {REDACTED}, CMND {REDACTED}"
    )
    kept = "record 550e8400-e29b-41d4-a716-446655440000 took 1234 ms, trace 4bf92f3577b34da6"
    assert redact(kept) == kept


def test_json_logs_carry_no_personal_data() -> None:
    stream = io.StringIO()
    logger = logging.getLogger("test.redaction")
    logger.addHandler(json_handler("test", stream))
    logger.setLevel(logging.INFO)
    logger.propagate = False
    try:
        logger.info(
            "lookup %s", "001090012345",
            extra={"full_name": "Nguyễn Văn An", "phone": "0912000111", "count": 3,
                   "details": {"account_number": "x", "note": "cccd 001090012345"}},
        )  # fmt: skip
        try:
            raise ValueError("citizen 001090012345 not found")
        except ValueError:
            logger.exception("failed")
    finally:
        logger.handlers.clear()
    text = stream.getvalue()
    assert "001090012345" not in text and "0912000111" not in text and "Nguyễn" not in text
    first, second = (json.loads(line) for line in text.splitlines())
    assert first["message"] == f"lookup {REDACTED}" and first["count"] == 3
    assert first["full_name"] == REDACTED and first["phone"] == REDACTED
    assert first["details"] == {"account_number": REDACTED, "note": f"cccd {REDACTED}"}
    assert f"citizen {REDACTED} not found" in second["exc_info"]
