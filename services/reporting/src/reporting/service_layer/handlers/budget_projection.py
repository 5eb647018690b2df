"""The inbox handler's use case for payment events: a list or a result → the budget tables."""

from __future__ import annotations

from reporting.domain.budget import ListRow, ResultRow
from reporting.service_layer.ports import BudgetWriter


def project_payment(row: ListRow | ResultRow | None, writer: BudgetWriter) -> None:
    if isinstance(row, ListRow):
        writer.put_list(row)
    elif isinstance(row, ResultRow):
        writer.add_result(row)
