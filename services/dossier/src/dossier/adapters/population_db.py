"""Client of the national population database (or its simulator), as identity uses it.

Contract: docs/contracts/population-db.md. ``GET {base}/v1/citizens/{national_id}`` with
``X-Api-Key``: 200 with the citizen, 404 when unknown; a timeout, a connection error or a 5xx
is ``Unavailable`` (503): the dossier is not submitted, the citizen may retry.
"""

from __future__ import annotations

import datetime as dt
import logging

import httpx

from ansinh_common.errors import Unavailable
from dossier.service_layer.ports import PopulationRecord

log = logging.getLogger(__name__)
UNAVAILABLE = "Chưa kết nối được Cơ sở dữ liệu quốc gia về dân cư; vui lòng thử lại sau."


class PopulationDbClient:
    def __init__(self, base_url: str, *, api_key: str = "", timeout_seconds: float = 3.0) -> None:
        headers = {"X-Api-Key": api_key} if api_key else {}
        self._http = httpx.Client(
            base_url=base_url.rstrip("/"), headers=headers, timeout=timeout_seconds
        )

    def lookup(self, national_id: str) -> PopulationRecord | None:
        try:
            response = self._http.get(f"/v1/citizens/{national_id}")
        except httpx.HTTPError as exc:
            log.warning("population database unreachable: %s", exc)
            raise Unavailable(UNAVAILABLE) from exc
        if response.status_code == 404:
            return None
        if response.status_code != 200:
            raise Unavailable(UNAVAILABLE)
        doc = response.json()
        return PopulationRecord(
            national_id=str(doc["national_id"]),
            full_name=str(doc["full_name"]),
            birth_date=dt.date.fromisoformat(doc["birth_date"]),
            gender=str(doc["gender"]),
        )

    def close(self) -> None:
        self._http.close()
