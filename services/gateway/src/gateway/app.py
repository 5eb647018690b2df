"""The FastAPI application factory. No application object exists at import time."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

from fastapi import APIRouter, Depends, FastAPI
from opentelemetry.instrumentation.fastapi import FastAPIInstrumentor

from gateway.bootstrap import Gateway, bootstrap
from gateway.config import GatewaySettings
from gateway.entrypoints.http.accounts import routes as accounts
from gateway.entrypoints.http.beneficiaries import routes as beneficiaries
from gateway.entrypoints.http.dependencies import rate_limit, request_context
from gateway.entrypoints.http.dossiers import routes as dossiers
from gateway.entrypoints.http.errors import install_error_handlers
from gateway.entrypoints.http.jobs import routes as jobs
from gateway.entrypoints.http.middleware import RequestIdMiddleware
from gateway.entrypoints.http.payments import routes as payments
from gateway.entrypoints.http.plausibility import plausible_input
from gateway.entrypoints.http.poverty import routes as poverty
from gateway.entrypoints.http.reports import routes as reports
from gateway.entrypoints.http.routes import health, me, record_reads
from gateway.entrypoints.http.schemas import problem_responses
from gateway.entrypoints.http.web_app import mount_web_app

DESCRIPTION = """
Cổng API REST của nền tảng **An Sinh** cho ứng dụng web và di động.

* **Xác thực**: mã thông báo truy cập (Bearer) do Keycloak realm `ansinh` cấp.
* **Lỗi**: mọi lỗi trả về dạng RFC 9457 `application/problem+json`, `title`/`detail`
  bằng tiếng Việt, lỗi dữ liệu kèm đường dẫn trường trong `errors`.
* **Mã yêu cầu**: gửi `X-Request-ID` (hoặc để cổng tạo), giá trị được trả lại trong
  tiêu đề phản hồi và ghi vào nhật ký.
* **Giới hạn tần suất**: theo người dùng (hoặc IP nếu chưa xác thực); vượt giới hạn → 429
  kèm `Retry-After`.
"""

TAGS = [
    {"name": "identity", "description": "Người dùng hiện tại, xác thực thông tin công dân."},
    {
        "name": "accounts",
        "description": "Cấp, khóa, mở khóa, đặt lại tài khoản (đơn vị cấp trên trực tiếp).",
    },
    {
        "name": "beneficiaries",
        "description": "Đối tượng bảo trợ xã hội: tra cứu (cả tại một ngày trong quá khứ), lịch "
        "sử và biến động, tăng mới, cắt chết, thôi hưởng, thay đổi thông tin và hệ số, chuyển "
        "nơi cư trú, nhập (chạy nền)/xuất tệp Excel của xã (Thông tư 11/2019/TT-BLĐTBXH).",
    },
    {
        "name": "dossiers",
        "description": "Thủ tục hành chính về trợ giúp xã hội: danh mục thủ tục, nộp hồ sơ (trực "
        "tuyến hoặc tại bộ phận một cửa), các bước xử lý, tình trạng và hạn giải quyết, hàng đợi "
        "của cán bộ, danh sách niêm yết công khai, giấy tờ đính kèm.",
    },
    {
        "name": "poverty",
        "description": "Hộ nghèo, hộ cận nghèo (lĩnh vực giảm nghèo, Bộ Nông nghiệp và Môi "
        "trường): đăng ký hộ, quyết định công nhận, diện hộ tại một ngày, giấy chứng nhận.",
    },
    {
        "name": "payments",
        "description": "Chi trả trợ giúp xã hội hằng tháng: thiết lập chính sách của tỉnh, lập "
        "danh sách chi trả của xã (chạy nền), phê duyệt, xuất tệp theo hình thức chi trả, nhập "
        "kết quả, đối chiếu, khóa sổ, điều chỉnh, giải thích số tiền, xã chậm, đề xuất tạm dừng.",
    },
    {
        "name": "reports",
        "description": "Báo cáo của Bộ từ dữ liệu tổng hợp: đối tượng theo tháng và biến động, "
        "chiến dịch làm sạch dữ liệu (tỷ lệ đầy đủ, xếp hạng đơn vị).",
    },
    {
        "name": "jobs",
        "description": "Công việc chạy lâu (nhập tệp, chi trả, xuất dữ liệu): tiến độ để hiển "
        "thị thanh tiến trình, kết quả và các tệp kết quả.",
    },
    {"name": "health", "description": "Kiểm tra sống/sẵn sàng cho bộ điều phối."},
]


def create_app(
    settings: GatewaySettings | None = None,
    *,
    bootstrapper: Callable[[GatewaySettings], Gateway] = bootstrap,
    instrument: bool = True,
) -> FastAPI:
    """Build the gateway app; its clients are wired by ``bootstrapper`` at startup."""
    settings = settings if settings is not None else GatewaySettings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        gateway = bootstrapper(settings)
        app.state.gateway = gateway
        try:
            yield
        finally:
            await gateway.aclose()

    app = FastAPI(
        title="An Sinh API",
        version="1.0.0",
        description=DESCRIPTION,
        openapi_tags=TAGS,
        lifespan=lifespan,
        docs_url="/docs",
        openapi_url="/openapi.json",
    )
    app.state.settings = settings
    install_error_handlers(app)
    app.add_middleware(RequestIdMiddleware)

    api = APIRouter(
        prefix="/api/v1",
        dependencies=[Depends(request_context), Depends(rate_limit), Depends(plausible_input)],
        responses=problem_responses(422, 429, 500, 503),
    )
    api.include_router(me.router)
    api.include_router(accounts.router)
    api.include_router(beneficiaries.router)
    api.include_router(record_reads.router)
    api.include_router(dossiers.router)
    api.include_router(poverty.router)
    api.include_router(payments.router)
    api.include_router(reports.router)
    api.include_router(jobs.router)
    app.include_router(health.router)
    app.include_router(api)
    mount_web_app(app, settings.web_dir)

    if instrument:
        FastAPIInstrumentor.instrument_app(app, excluded_urls="/healthz,/readyz")
    return app
