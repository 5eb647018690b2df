"""Liveness and readiness probes (no authentication, no rate limit)."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel

from ansinh_common.errors import FieldError
from gateway.domain.errors import NotReady
from gateway.entrypoints.http.dependencies import GatewayDep
from gateway.entrypoints.http.schemas import problem_responses
from gateway.service_layer.readiness import check_readiness

router = APIRouter(tags=["health"])


class Health(BaseModel):
    status: str
    checks: dict[str, str] = {}


@router.get("/healthz", response_model=Health, summary="Liveness")
async def healthz() -> Health:
    """Tiến trình còn sống (không kiểm tra thành phần phụ thuộc)."""
    return Health(status="ok")


@router.get("/readyz", response_model=Health, summary="Readiness", responses=problem_responses(503))
async def readyz(gateway: GatewayDep) -> Health:
    """Sẵn sàng nhận yêu cầu khi mọi backend gRPC đã cấu hình báo SERVING (backend báo
    NOT_SERVING khi mất kết nối cơ sở dữ liệu). Redis và JWKS của Keycloak gián đoạn thì vẫn
    sẵn sàng nhưng `status` là `degraded` (cổng vẫn phục vụ, ADR 0008). Nếu không sẵn sàng:
    503 problem+json, `errors` liệt kê thành phần lỗi."""
    report = await check_readiness(gateway.probes(), gateway.settings.readiness_timeout_seconds)
    if not report.ready:
        raise NotReady(
            "Thành phần chưa sẵn sàng: " + ", ".join(c.name for c in report.failed) + ".",
            errors=[FieldError(c.name, c.detail, "unavailable") for c in report.failed],
        )
    return Health(
        status="degraded" if report.degraded else "ready",
        checks={c.name: "ok" if c.ok else "unavailable" for c in report.checks},
    )
