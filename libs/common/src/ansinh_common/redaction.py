"""Logs never carry personal data (Decree 13/2023/NĐ-CP; issue 9).

``PersonalDataFilter`` rewrites every log record before it is written:

* any run of 9 to 19 digits standing alone, not inside a UUID or a hex id (a personal ID
  number — 12 digits, or a 9-digit legacy ID card — a phone number, a bank account number),
  optionally with a leading ``+``, in the message, its arguments, the ``extra=`` values and the
  exception text, becomes ``[đã ẩn]``;
* the ``extra=`` values of fields that hold personal data by name (``full_name``,
  ``national_id``, ``phone``, ``account_number``, …) are replaced whole.

Names in free text cannot be recognised reliably; code must not log them (a review rule,
ADR 0010): the filter is the safety net for numbers, the field list for structured data.
"""

from __future__ import annotations

import logging
import re
from typing import Any

REDACTED = "[đã ẩn]"
LEGAL_BASIS = "Decree 13/2023/NĐ-CP Art. 2, 3 (personal data; purpose limitation, minimisation)"

_NUMBER = re.compile(r"(?<![\w+-])\+?\d{9,19}(?![\w-])")  # not a part of a UUID or hex id
PERSONAL_FIELDS = frozenset(
    {
        "full_name", "name", "first_name", "last_name", "birth_date", "personal_id",
        "national_id", "phone", "address", "email", "account_number", "account_holder",
    }
)  # fmt: skip
_SAFE_FIELDS = frozenset({"trace_id", "span_id", "request_id", "service", "duration_ms"})
_STANDARD = frozenset(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message"}
_EXCEPTION_FORMATTER = logging.Formatter()


def redact(text: str) -> str:
    """``text`` with every long digit run replaced."""
    return _NUMBER.sub(REDACTED, text)


def _redact_value(value: Any) -> Any:
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10**8:
        return REDACTED
    if isinstance(value, list | tuple):
        return [_redact_value(v) for v in value]
    if isinstance(value, dict):
        return {k: REDACTED if k in PERSONAL_FIELDS else _redact_value(v) for k, v in value.items()}
    return value


class PersonalDataFilter(logging.Filter):
    """Attach to every handler that writes logs (``ansinh_common.logging.json_handler`` does)."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except (TypeError, ValueError):
            message = str(record.msg)
        record.msg, record.args = redact(message), None
        for key, value in list(vars(record).items()):
            if key in _STANDARD or key in _SAFE_FIELDS:
                continue
            record.__dict__[key] = REDACTED if key in PERSONAL_FIELDS else _redact_value(value)
        if record.exc_info:
            record.exc_text = redact(_EXCEPTION_FORMATTER.formatException(record.exc_info))
            record.exc_info = None
        elif record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True
