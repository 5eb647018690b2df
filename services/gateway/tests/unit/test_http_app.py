"""The HTTP app wired with fakes: auth, problem+json, request ids, rate limit, probes, docs."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import grpc
from fastapi import APIRouter, FastAPI
from fastapi.testclient import TestClient
from pydantic import BaseModel, Field

from ansinh_common.auth.principal import current_principal as principal_in_context
from ansinh_common.errors import PermissionDenied
from gateway.bootstrap import Gateway
from gateway.entrypoints.http.dependencies import CurrentPrincipal

MakeClient = Callable[..., TestClient]
Token = Callable[..., str]
PROBLEM = "application/problem+json"


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_healthz(make_client: MakeClient) -> None:
    resp = make_client().get("/healthz")
    assert resp.status_code == 200 and resp.json() == {"status": "ok", "checks": {}}


def test_me_returns_the_principal(make_client: MakeClient, token: Token) -> None:
    resp = make_client().get("/api/v1/me", headers=bearer(token()))
    assert resp.status_code == 200
    assert resp.json() == {
        "subject": "user-1",
        "username": "xa.canbo",
        "roles": ["commune_officer"],
        "unit_code": "00004",
        "national_id": None,
        "province_code": "01",  # the province of the officer's unit, from the catalog
        "name": None,  # the test token carries no profile claims
    }


def test_me_names_the_province_of_any_unit_and_none_without_one() -> None:
    from gateway.entrypoints.http.routes.me import province_of_unit

    assert province_of_unit("00004") == "01"  # a commune of Hà Nội
    assert province_of_unit("01") == "01"
    assert province_of_unit("VN") is None and province_of_unit(None) is None
    assert province_of_unit("99999") is None  # not in either catalog


def test_missing_invalid_and_expired_tokens_are_401_problems(
    make_client: MakeClient, token: Token
) -> None:
    client = make_client()
    expired = token(exp=int(time.time()) - 60, iat=int(time.time()) - 400)
    cases = {
        "missing": ({}, "Thiếu mã thông báo truy cập"),
        "garbage": (bearer("abc.def.ghi"), "Mã thông báo không đúng định dạng."),
        "expired": (bearer(expired), "Mã thông báo đã hết hạn."),
        "tampered": (bearer(token()[:-4] + "AAAA"), "Chữ ký không hợp lệ."),
        "audience": (bearer(token(aud="other")), "Mã thông báo không dành cho ứng dụng này."),
    }
    for name, (headers, detail) in cases.items():
        resp = client.get("/api/v1/me", headers=headers)
        assert resp.status_code == 401, name
        assert resp.headers["content-type"] == PROBLEM
        assert resp.headers["www-authenticate"].startswith("Bearer")
        problem = resp.json()
        assert problem["detail"].startswith(detail), name
        assert problem["code"] == "unauthenticated" and problem["instance"] == "/api/v1/me"


def test_request_id_is_echoed_or_generated(make_client: MakeClient) -> None:
    client = make_client()
    assert (
        client.get("/healthz", headers={"X-Request-ID": "abc-42"}).headers["x-request-id"]
        == "abc-42"
    )
    generated = client.get("/healthz", headers={"X-Request-ID": "bad id\t"}).headers["x-request-id"]
    assert len(generated) == 32 and generated != "bad id\t"
    problem = client.get("/api/v1/me", headers={"X-Request-ID": "rid-7"})
    assert problem.headers["x-request-id"] == "rid-7" and problem.json()["request_id"] == "rid-7"


class Member(BaseModel):
    national_id: str = Field(min_length=12, max_length=12)


class Household(BaseModel):
    members: list[Member]


def _test_routes(app: FastAPI) -> None:
    router = APIRouter()

    @router.post("/test/households")
    def create(household: Household, page_size: int = 10) -> dict[str, int]:
        return {"n": len(household.members)}

    @router.get("/test/crash")
    def crash() -> None:
        raise RuntimeError("boom")

    @router.get("/test/forbidden")
    def forbidden(principal: CurrentPrincipal) -> None:
        assert principal_in_context() == principal  # made current for gRPC metadata
        raise PermissionDenied("Cán bộ xã chỉ xem được hồ sơ của xã mình.")

    @router.get("/test/backend")
    def backend() -> None:
        raise grpc.aio.AioRpcError(
            grpc.StatusCode.DEADLINE_EXCEEDED, grpc.aio.Metadata(), grpc.aio.Metadata()
        )

    app.include_router(router)


def test_validation_errors_are_422_with_field_paths(make_client: MakeClient) -> None:
    client = make_client(app_hook=_test_routes)
    resp = client.post(
        "/test/households?page_size=x",
        json={"members": [{"national_id": "001090000001"}, {"national_id": "12"}, {}]},
    )
    assert resp.status_code == 422 and resp.headers["content-type"] == PROBLEM
    fields = {e["field"]: e["message"] for e in resp.json()["errors"]}
    assert fields == {
        "members[1].national_id": "Quá ngắn (tối thiểu 12 ký tự).",
        "members[2].national_id": "Trường này là bắt buộc.",
        "query.page_size": "Phải là số nguyên.",
    }
    assert resp.json()["title"] == "Dữ liệu không hợp lệ"


def test_other_errors_are_problems(make_client: MakeClient, token: Token) -> None:
    client = make_client(app_hook=_test_routes)
    crash = client.get("/test/crash", headers={"X-Request-ID": "crash-1"})
    assert crash.status_code == 500 and crash.headers["content-type"] == PROBLEM
    assert crash.headers["x-request-id"] == "crash-1" and crash.json()["title"] == "Lỗi hệ thống"
    assert "boom" not in crash.text
    forbidden = client.get("/test/forbidden", headers=bearer(token()))
    assert forbidden.status_code == 403
    assert forbidden.json()["detail"] == "Cán bộ xã chỉ xem được hồ sơ của xã mình."
    backend = client.get("/test/backend")
    assert backend.status_code == 503 and backend.json()["code"] == "unavailable"
    missing = client.get("/khong-co")
    assert missing.status_code == 404 and missing.json()["title"] == "Không tìm thấy"
    wrong_method = client.delete("/healthz")
    assert wrong_method.status_code == 405 and wrong_method.headers["content-type"] == PROBLEM


def test_rate_limit_429_with_retry_after(make_client: MakeClient, token: Token) -> None:
    client = make_client(rate_limit_requests=2, rate_limit_window_seconds=30)
    ok = client.get("/api/v1/me", headers=bearer(token()))
    assert ok.headers["ratelimit-limit"] == "2" and ok.headers["ratelimit-remaining"] == "1"
    assert client.get("/api/v1/me", headers=bearer(token())).status_code == 200
    limited = client.get("/api/v1/me", headers=bearer(token()))
    assert limited.status_code == 429 and limited.headers["content-type"] == PROBLEM
    assert limited.headers["retry-after"] == "30" and limited.json()["title"] == "Quá nhiều yêu cầu"
    # another principal has its own window; anonymous callers are counted per IP
    assert client.get("/api/v1/me", headers=bearer(token(sub="user-2"))).status_code == 200
    assert client.get("/api/v1/me").status_code == 401
    assert client.get("/healthz").status_code == 200  # probes are never limited


def test_readyz_lists_failed_dependencies(make_client: MakeClient) -> None:
    client = make_client()
    assert client.get("/readyz").json()["status"] == "ready"

    async def down() -> None:
        raise ConnectionError("refused")

    gateway: Gateway = client.app.state.gateway  # type: ignore[attr-defined]
    probes = gateway.probes()
    gateway.probes = lambda: {**probes, "grpc:registry": down}  # type: ignore[method-assign]
    resp = client.get("/readyz")
    assert resp.status_code == 503 and resp.headers["content-type"] == PROBLEM
    problem: dict[str, Any] = resp.json()
    assert problem["title"] == "Dịch vụ chưa sẵn sàng"
    assert [e["field"] for e in problem["errors"]] == ["grpc:registry"]


def test_readyz_is_degraded_not_failed_when_redis_is_down(make_client: MakeClient) -> None:
    client = make_client()

    async def down() -> None:
        raise ConnectionError("refused")

    gateway: Gateway = client.app.state.gateway  # type: ignore[attr-defined]
    probes = gateway.probes()
    gateway.probes = lambda: {**probes, "redis": down}  # type: ignore[method-assign]
    resp = client.get("/readyz")
    assert resp.status_code == 200, resp.text
    assert resp.json()["status"] == "degraded"
    assert resp.json()["checks"]["redis"] == "unavailable"


def test_openapi_documents_routes_security_and_problems(make_client: MakeClient) -> None:
    client = make_client()
    doc = client.get("/openapi.json").json()
    me = doc["paths"]["/api/v1/me"]["get"]
    assert me["description"] and me["security"] == [{"KeycloakBearer": []}]
    assert "application/problem+json" in me["responses"]["401"]["content"]
    assert "429" in me["responses"]
    assert "An Sinh" in doc["info"]["description"]
    assert client.get("/docs").status_code == 200


def test_me_gives_the_name_family_name_first(make_client: MakeClient, token: Token) -> None:
    named = token(given_name="Dung", family_name="Phạm Thị", name="Dung Phạm Thị")
    assert make_client().get("/api/v1/me", headers=bearer(named)).json()["name"] == "Phạm Thị Dung"
    only = token(name="Dung Phạm Thị")
    assert make_client().get("/api/v1/me", headers=bearer(only)).json()["name"] == "Dung Phạm Thị"
