"""Errors the gateway itself raises (mapped to problem+json in entrypoints/http/errors)."""

from __future__ import annotations

from ansinh_common.errors import DomainError, Unavailable

RATE_LIMITED_STATUS = 429


class RateLimited(DomainError):  # noqa: N818 — named like the shared domain errors
    """Too many requests from one client in the current window (HTTP 429)."""

    code = "rate_limited"
    default_title = "Quá nhiều yêu cầu"
    default_detail = "Bạn đã gửi quá nhiều yêu cầu, vui lòng thử lại sau ít phút."

    def __init__(self, retry_after_seconds: int, detail: str | None = None) -> None:
        super().__init__(detail)
        self.retry_after_seconds = retry_after_seconds


class NotReady(Unavailable):
    """One or more dependencies of the gateway do not answer (HTTP 503)."""

    code = "not_ready"
    default_title = "Dịch vụ chưa sẵn sàng"
    default_detail = "Một số thành phần phụ thuộc của cổng API chưa sẵn sàng."
