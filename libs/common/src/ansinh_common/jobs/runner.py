"""Run a job's work in a worker thread as the principal who started it."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor

from ansinh_common.auth.principal import Principal, use_principal
from ansinh_common.errors import DomainError
from ansinh_common.jobs.model import JobOutcome, Progress, ProgressReporter
from ansinh_common.jobs.store import JobRecord, SqlJobStore

log = logging.getLogger(__name__)

Work = Callable[[ProgressReporter], JobOutcome]


class JobRunner:
    """Starts jobs: the job is stored (queued) before ``start`` returns, then runs here.

    Progress is written when the phase or the percent changes, at most every
    ``min_report_seconds`` within a phase (a progress bar needs no more). Every
    ``heartbeat_seconds`` the runner touches its unfinished jobs and fails the jobs of any
    runner (another replica, a previous run) silent for ``stale_seconds``.
    """

    def __init__(
        self,
        store: SqlJobStore,
        *,
        max_workers: int = 2,
        min_report_seconds: float = 0.2,
        heartbeat_seconds: float = 30.0,
        stale_seconds: float = 180.0,
    ) -> None:
        self.store = store
        self.min_report_seconds = min_report_seconds
        self.heartbeat_seconds = heartbeat_seconds
        self.stale_seconds = stale_seconds
        self._executor = ThreadPoolExecutor(max_workers, thread_name_prefix="job")
        self._futures: dict[str, Future[None]] = {}
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._heart = threading.Thread(target=self._beat, name="job-heartbeat", daemon=True)
        self._heart.start()

    def _beat(self) -> None:
        while not self._stop.wait(self.heartbeat_seconds):
            try:
                with self._lock:
                    mine = list(self._futures)
                self.store.touch(mine)
                failed = self.store.fail_interrupted(self.stale_seconds)
                if failed:
                    log.warning("%d job(s) of a stopped runner marked failed", failed)
            except Exception:  # the database may be briefly away; try again next beat
                log.exception("job heartbeat failed")

    def start(self, kind: str, principal: Principal, work: Work) -> JobRecord:
        job_id = self.store.create(kind, principal.subject)
        future = self._executor.submit(self._run, job_id, principal, work)
        with self._lock:
            self._futures[job_id] = future
        future.add_done_callback(lambda _: self._forget(job_id))
        record = self.store.get(job_id)
        assert record is not None
        return record

    def wait(self, job_id: str, timeout: float | None = None) -> None:
        """Block until the job's work ends here (tests, shutdown)."""
        with self._lock:
            future = self._futures.get(job_id)
        if future is not None:
            future.result(timeout)

    def shutdown(self, wait: bool = True) -> None:
        self._stop.set()
        self._executor.shutdown(wait=wait, cancel_futures=True)

    def _forget(self, job_id: str) -> None:
        with self._lock:
            self._futures.pop(job_id, None)

    def _run(self, job_id: str, principal: Principal, work: Work) -> None:
        with use_principal(principal):
            try:
                outcome = work(self._reporter(job_id))
            except DomainError as err:
                log.info("job %s failed: %s", job_id, err.code)
                self.store.fail(job_id, err)
                return
            except Exception:  # a generic failure; the details stay in the log
                log.exception("job %s crashed", job_id)
                self.store.fail(job_id, DomainError())
                return
            self.store.succeed(job_id, outcome)

    def _reporter(self, job_id: str) -> ProgressReporter:
        last: list[Progress | None] = [None]
        last_at = [0.0]

        def report(progress: Progress) -> None:
            previous, now = last[0], time.monotonic()
            if previous is not None and previous.phase == progress.phase:
                if previous.percent == progress.percent:
                    return
                if now - last_at[0] < self.min_report_seconds:
                    return
            last[0], last_at[0] = progress, now
            self.store.report(job_id, progress)

        return report
