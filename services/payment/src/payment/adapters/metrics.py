"""The payment service's business metrics (ADR 0023; ``ansinh_payment_*``).

``ansinh_payment_lines_generated_total{province}``: lines written by a commune-month list
generation that changed the list (its line count after the generation), counted after the
commit by the generation job.
"""

from __future__ import annotations

from ansinh_common.telemetry import business_counter

LINES_GENERATED = business_counter(
    "ansinh.payment.lines.generated",
    "payment lines generated (lines of a list after a generation that changed it)",
    labels=("province",),
)


def count_lines_generated(province_code: str, lines: int) -> None:
    """One committed generation of a list of ``province_code`` holding ``lines`` lines."""
    LINES_GENERATED.add(lines, province=province_code)
