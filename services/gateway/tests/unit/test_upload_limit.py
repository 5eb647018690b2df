"""Issue 11, defect 12: a file over the upload limit is answered 413 with the limit stated and
a problem code of the request's fault (``invalid_input``), never ``internal``."""

from __future__ import annotations

from typing import Annotated

from fastapi import FastAPI, File, UploadFile
from fastapi.testclient import TestClient

from gateway.entrypoints.http.errors import install_error_handlers
from gateway.entrypoints.http.uploads import read_upload

LIMIT = 2 * 1024 * 1024


def client() -> TestClient:
    app = FastAPI()
    install_error_handlers(app)

    @app.post("/upload")
    async def upload(file: Annotated[UploadFile, File()]) -> dict[str, int]:
        return {"size": len(await read_upload(file, LIMIT))}

    return TestClient(app)


def test_a_file_over_the_limit_states_the_limit() -> None:
    resp = client().post("/upload", files={"file": ("xa.xlsx", b"0" * (LIMIT + 1))})
    assert resp.status_code == 413
    body = resp.json()
    assert body["code"] == "invalid_input" and body["title"] == "Nội dung quá lớn"
    assert "vượt giới hạn 2 MB" in body["detail"]


def test_a_file_at_the_limit_passes() -> None:
    resp = client().post("/upload", files={"file": ("xa.xlsx", b"0" * LIMIT)})
    assert resp.status_code == 200 and resp.json() == {"size": LIMIT}
