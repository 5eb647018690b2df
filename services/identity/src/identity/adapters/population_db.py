"""Client of the national population database (CSDL quốc gia về dân cư).

Contract: docs/contracts/population-db.md. ``GET {base}/v1/citizens/{national_id}`` with the
header ``X-Api-Key``: 200 with the citizen, 404 when no citizen has the number. Every call has
a timeout; a timeout, a connection error or a 5xx is ``PopulationDatabaseUnavailable`` (503).
"""

from __future__ import annotations

import logging
from datetime import date
from typing import Any

import httpx

from ansinh_common.catalogs.personal_id import Gender
from identity.domain.errors import PopulationDatabaseUnavailable
from identity.domain.identity_check import PopulationRecord

log = logging.getLogger(__name__)


class PopulationDbClient:
    def __init__(
        self,
        base_url: str,
        *,
        api_key: str = "",
        timeout_seconds: float = 3.0,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        headers = {"X-Api-Key": api_key} if api_key else {}
        self._http = httpx.Client(
            base_url=base_url.rstrip("/"),
            headers=headers,
            timeout=httpx.Timeout(timeout_seconds),
            transport=transport,
        )

    def lookup(self, national_id: str) -> PopulationRecord | None:
        try:
            response = self._http.get(f"/v1/citizens/{national_id}")
        except httpx.HTTPError as exc:
            log.warning("population database unreachable: %s", exc)
            raise PopulationDatabaseUnavailable() from exc
        if response.status_code == 404:
            return None
        if response.status_code != 200:
            log.warning("population database answered %s", response.status_code)
            raise PopulationDatabaseUnavailable()
        try:
            return _record(response.json())
        except (ValueError, KeyError, TypeError) as exc:
            log.error("population database sent an unreadable citizen: %s", exc)
            raise PopulationDatabaseUnavailable() from exc

    def close(self) -> None:
        self._http.close()


def _record(doc: dict[str, Any]) -> PopulationRecord:
    return PopulationRecord(
        national_id=str(doc["national_id"]),
        full_name=str(doc["full_name"]),
        birth_date=date.fromisoformat(doc["birth_date"]),
        gender=Gender(doc["gender"]),
    )
