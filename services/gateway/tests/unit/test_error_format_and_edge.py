"""Issue 9, found 3 and 8: the error format and the edge checks of the gateway (fakes for
Redis and Keycloak, real app)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Annotated

from fastapi import APIRouter, FastAPI, Query
from fastapi.testclient import TestClient
from pydantic import BaseModel
from starlette.responses import JSONResponse

from ansinh_common.errors import PermissionDenied
from gateway.entrypoints.http.dependencies import CurrentPrincipal

MakeClient = Callable[..., TestClient]
Token = Callable[..., str]
PROBLEM = "application/problem+json"


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


class Decision(BaseModel):
    number: str
    signed_on: date


class Body(BaseModel):
    decisions: list[Decision]
    note: str | None = None


def _client(make_client: MakeClient, **overrides: object) -> TestClient:
    def hook(app: FastAPI) -> None:
        from fastapi import Depends

        from gateway.entrypoints.http.dependencies import rate_limit, request_context
        from gateway.entrypoints.http.plausibility import plausible_input

        router = APIRouter(
            prefix="/api/v1/test",
            dependencies=[
                Depends(request_context), Depends(rate_limit), Depends(plausible_input)
            ],
        )  # fmt: skip

        @router.post("/decisions")
        def create(body: Body, principal: CurrentPrincipal) -> dict[str, int]:
            return {"n": len(body.decisions)}

        @router.get("/changes")
        def changes(
            principal: CurrentPrincipal,
            effective_to: Annotated[date | None, Query()] = None,
        ) -> dict[str, str]:
            return {"to": str(effective_to)}

        @router.get("/raw")
        def raw(principal: CurrentPrincipal) -> JSONResponse:
            return JSONResponse({"ok": True})

        @router.get("/forbidden")
        def forbidden(principal: CurrentPrincipal) -> None:
            raise PermissionDenied()

        app.include_router(router)

    return make_client(app_hook=hook, **overrides)


def test_405_and_400_have_their_own_codes(make_client: MakeClient, token: Token) -> None:
    client = _client(make_client)
    resp = client.delete("/healthz")
    assert resp.status_code == 405 and resp.json()["code"] == "method_not_allowed"
    assert resp.headers["content-type"] == PROBLEM


def test_invalid_json_names_the_body(make_client: MakeClient, token: Token) -> None:
    client = _client(make_client)
    resp = client.post(
        "/api/v1/test/decisions", content=b'{"decisions": [1,',
        headers={**bearer(token()), "content-type": "application/json"},
    )  # fmt: skip
    assert resp.status_code == 422
    [error] = resp.json()["errors"]
    assert error["field"] == "body" and error["code"] == "json_invalid"
    assert error["message"].startswith("Nội dung JSON không hợp lệ (tại ký tự thứ ")


def test_no_token_is_401_before_any_body_error(make_client: MakeClient) -> None:
    client = _client(make_client)
    for content in (b'{"decisions": [1,', b'{"decisions": 5}', b"\x00\xff"):
        resp = client.post(
            "/api/v1/test/decisions", content=content,
            headers={"content-type": "application/json"},
        )  # fmt: skip
        assert resp.status_code == 401, (content, resp.text)
        assert resp.json()["code"] == "unauthenticated"


def test_dates_and_control_characters_are_checked_at_the_edge(
    make_client: MakeClient, token: Token
) -> None:
    client = _client(make_client)
    auth = bearer(token())
    for value in ("0", "1970", "0293-11-15", "7942-12-13", "2025-13-01"):
        resp = client.get("/api/v1/test/changes", params={"effective_to": value}, headers=auth)
        assert resp.status_code == 422, value
        assert [e["field"] for e in resp.json()["errors"]] == ["query.effective_to"], value
    ok = client.get("/api/v1/test/changes", params={"effective_to": "2025-07-01"}, headers=auth)
    assert ok.status_code == 200 and ok.json() == {"to": "2025-07-01"}
    body = {
        "decisions": [
            {"number": "1/QĐ", "signed_on": "2025-07-01"},
            {"number": "2/QĐ\x0b", "signed_on": 0},
            {"number": "3/QĐ", "signed_on": "7942-12-13"},
        ],
        "note": "dòng 1\ndòng 2",  # line breaks are fine in free text
    }
    resp = client.post("/api/v1/test/decisions", json=body, headers=auth)
    assert resp.status_code == 422
    errors = {e["field"]: e["code"] for e in resp.json()["errors"]}
    assert errors == {
        "decisions[1].number": "control_characters",
        "decisions[1].signed_on": "date_format",
        "decisions[2].signed_on": "out_of_range",
    }


def test_ratelimit_headers_on_every_response(make_client: MakeClient, token: Token) -> None:
    client = _client(make_client, rate_limit_requests=3, rate_limit_window_seconds=30)
    auth = bearer(token())
    raw = client.get("/api/v1/test/raw", headers=auth)  # a route's own Response
    forbidden = client.get("/api/v1/test/forbidden", headers=auth)  # an error
    invalid = client.get("/api/v1/test/changes", params={"effective_to": "0"}, headers=auth)
    limited = client.get("/api/v1/test/raw", headers=auth)
    for resp, remaining in ((raw, "2"), (forbidden, "1"), (invalid, "0"), (limited, "0")):
        assert resp.headers["ratelimit-limit"] == "3", resp.status_code
        assert resp.headers["ratelimit-remaining"] == remaining, resp.status_code
        assert 1 <= int(resp.headers["ratelimit-reset"]) <= 30
    assert (raw.status_code, forbidden.status_code, invalid.status_code) == (200, 403, 422)
    assert limited.status_code == 429 and limited.headers["retry-after"]
