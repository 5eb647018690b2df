"""``CommuneLock`` on Redis: one generation per commune and month at a time, across processes.

A second generation waits up to ``wait_s`` for the first to finish, then is refused
(``GenerationInProgress``, 409); the lock expires after ``ttl_s`` if its holder died.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import Any

from redis import Redis
from redis.exceptions import LockError

from ansinh_common.errors import FailedPrecondition
from payment.domain.months import Month


class GenerationInProgress(FailedPrecondition):
    def __init__(self, commune_code: str, month: Month) -> None:
        super().__init__(
            f"Danh sách chi trả tháng {month} của xã {commune_code} đang được lập bởi một yêu "
            "cầu khác; hãy thử lại sau.",
            title="Đang lập danh sách",
        )


class RedisCommuneLock:
    def __init__(
        self, redis: Redis[Any], *, prefix: str = "ansinh:payment:generate",
        ttl_s: float = 900.0, wait_s: float = 30.0,
    ) -> None:  # fmt: skip
        self._redis, self._prefix, self._ttl, self._wait = redis, prefix, ttl_s, wait_s

    @contextmanager
    def hold(self, commune_code: str, month: Month) -> Iterator[None]:
        lock = self._redis.lock(
            f"{self._prefix}:{commune_code}:{month}", timeout=self._ttl,
            blocking=True, blocking_timeout=self._wait,
        )  # fmt: skip
        if not lock.acquire():
            raise GenerationInProgress(commune_code, month)
        try:
            yield
        finally:
            with suppress(LockError):  # expired meanwhile: nothing to release
                lock.release()
