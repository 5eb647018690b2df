"""The read models' counts that the owners' ``CountForReconciliation`` answer (ADR 0035), per
province: poverty decisions by status; dossiers and their status changes; payment lists, closed
lists and results (``ReadModelCounts`` port). Constant SQL, the province bound."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager

from sqlalchemy import text
from sqlalchemy.orm import Session

SQL = {
    "poverty": """
        SELECT status, count(*) FROM rm_poverty_status WHERE province_2025 = :province
         GROUP BY status""",
    "dossier": """
        SELECT 'dossiers', count(*) FROM rm_dossier WHERE province_code = :province
        UNION ALL
        SELECT 'status_changes', count(*) FROM rm_dossier_event e
          JOIN rm_dossier d USING (dossier_id) WHERE d.province_code = :province""",
    "payment": """
        SELECT 'lists', count(*) FROM rm_payment_list WHERE province_code = :province
        UNION ALL
        SELECT 'closed', count(*) FROM rm_payment_list WHERE province_code = :province AND closed
        UNION ALL
        SELECT 'results', count(*) FROM rm_payment_result WHERE province_2025 = :province""",
}


class SqlReadModelCounts:
    def __init__(self, session_scope: Callable[[], AbstractContextManager[Session]]) -> None:
        self._session = session_scope

    def counts(self, source: str, province_code: str) -> dict[str, int]:
        with self._session() as session:
            rows = session.execute(text(SQL[source]), {"province": province_code}).all()
        return {str(k): int(n) for k, n in rows if int(n)}
