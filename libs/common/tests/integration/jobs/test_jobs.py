"""Jobs on a real PostgreSQL database: the runner stores progress, result and files; the
servicer serves them to the principal who started the job only; failures keep their domain
error; a restart of the owning service fails the jobs it left unfinished."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from sqlalchemy import Engine, create_engine

from ansinh.common.v1 import jobs_pb2, problem_pb2
from ansinh_common.auth.principal import Principal, use_principal
from ansinh_common.errors import (
    FailedPrecondition,
    FieldError,
    InvalidInput,
    NotFound,
    PermissionDenied,
)
from ansinh_common.jobs import (
    JobFile,
    JobOutcome,
    JobRunner,
    JobServicer,
    Progress,
    ProgressReporter,
    SqlJobStore,
    job_tables,
)
from ansinh_common.jobs.store import MSG_INTERRUPTED

pytestmark = pytest.mark.integration

OWNER = Principal("owner-1", "xa.canbo", frozenset({"commune_officer"}), "00004")
OTHER = Principal("other-2", "xa.khac", frozenset({"commune_officer"}), "00008")
CTX: Any = None  # the servicer never touches the gRPC context


@pytest.fixture
def engine(make_database: Callable[[str], str]) -> Iterator[Engine]:
    engine = create_engine(make_database("jobs"))
    job_tables().jobs.metadata.create_all(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def runner(engine: Engine) -> Iterator[JobRunner]:
    runner = JobRunner(SqlJobStore(engine), min_report_seconds=0, heartbeat_seconds=0.1)
    yield runner
    runner.shutdown()


def test_a_job_reports_progress_then_serves_its_result_and_files(runner: JobRunner) -> None:
    seen: list[int] = []
    gate = threading.Event()

    def work(report: ProgressReporter) -> JobOutcome:
        for done in (0, 250, 500, 500, 1000):
            report(Progress("validating", done, 1000, done // 10))
            seen.append(done)
        gate.wait(10)
        result = problem_pb2.FieldError(field="rows", message="xong", code="ok")
        return JobOutcome(result, [JobFile("error_workbook", b"xlsx", "application/x", "loi.xlsx")])

    job = runner.start("test.import", OWNER, work)
    assert job.state in ("queued", "running") and job.owner_subject == OWNER.subject
    servicer = JobServicer(runner.store)
    with use_principal(OWNER):
        while len(seen) < 5:
            threading.Event().wait(0.01)
        running = servicer.GetJob(jobs_pb2.GetJobRequest(job_id=job.job_id), CTX).job
        assert running.state == jobs_pb2.JOB_STATE_RUNNING
        assert (running.progress.done, running.progress.total, running.progress.percent) == (
            1000, 1000, 100,
        )  # fmt: skip
        with pytest.raises(FailedPrecondition):
            servicer.GetJobResult(jobs_pb2.GetJobResultRequest(job_id=job.job_id), CTX)
        gate.set()
        runner.wait(job.job_id, timeout=10)
        answer = servicer.GetJobResult(jobs_pb2.GetJobResultRequest(job_id=job.job_id), CTX)
        file = servicer.GetJobFile(
            jobs_pb2.GetJobFileRequest(job_id=job.job_id, name="error_workbook"), CTX
        )
    assert answer.job.state == jobs_pb2.JOB_STATE_SUCCEEDED and answer.job.HasField("finished_at")
    unpacked = problem_pb2.FieldError()
    assert answer.result.Unpack(unpacked) and unpacked.message == "xong"
    assert [(f.name, f.size, f.file_name) for f in answer.job.files] == [
        ("error_workbook", 4, "loi.xlsx")
    ]
    assert (file.content, file.file.content_type) == (b"xlsx", "application/x")


def test_only_the_starter_reads_a_job(runner: JobRunner) -> None:
    job = runner.start("test.noop", OWNER, lambda _r: JobOutcome(problem_pb2.FieldError()))
    runner.wait(job.job_id, timeout=10)
    servicer = JobServicer(runner.store)
    with use_principal(OTHER), pytest.raises(PermissionDenied):
        servicer.GetJob(jobs_pb2.GetJobRequest(job_id=job.job_id), CTX)
    with use_principal(OWNER):
        with pytest.raises(NotFound):
            servicer.GetJob(jobs_pb2.GetJobRequest(job_id="not-a-uuid"), CTX)
        with pytest.raises(NotFound):
            request = jobs_pb2.GetJobFileRequest(job_id=job.job_id, name="nothing")
            servicer.GetJobFile(request, CTX)


def test_a_failed_job_keeps_its_domain_error(runner: JobRunner) -> None:
    def work(_report: ProgressReporter) -> JobOutcome:
        raise InvalidInput("Tệp sai.", errors=[FieldError("file", "Không đọc được.", "invalid")])

    job = runner.start("test.fail", OWNER, work)
    runner.wait(job.job_id, timeout=10)
    servicer = JobServicer(runner.store)
    with use_principal(OWNER):
        failed = servicer.GetJob(jobs_pb2.GetJobRequest(job_id=job.job_id), CTX).job
        with pytest.raises(InvalidInput) as raised:
            servicer.GetJobResult(jobs_pb2.GetJobResultRequest(job_id=job.job_id), CTX)
    assert failed.state == jobs_pb2.JOB_STATE_FAILED
    assert (failed.error.status, failed.error.detail) == (422, "Tệp sai.")
    assert [(e.field, e.message) for e in raised.value.errors] == [("file", "Không đọc được.")]


def test_a_crash_is_a_generic_failure(runner: JobRunner) -> None:
    def work(_report: ProgressReporter) -> JobOutcome:
        raise RuntimeError("secret internals")

    job = runner.start("test.crash", OWNER, work)
    runner.wait(job.job_id, timeout=10)
    stored = runner.store.get(job.job_id)
    assert stored is not None and stored.state == "failed" and stored.error is not None
    assert stored.error["status"] == 500 and "secret" not in str(stored.error)


def test_jobs_of_a_silent_runner_fail_others_live_on(engine: Engine) -> None:
    store = SqlJobStore(engine)
    queued = store.create("test.import", OWNER.subject)
    running = store.create("test.import", OWNER.subject)
    store.report(running, Progress("writing", 10, 20, 50))
    assert store.fail_interrupted(stale_seconds=60) == 0  # fresh: a live runner has them
    threading.Event().wait(0.3)
    store.touch([running])  # a live runner's heartbeat keeps its job
    assert store.fail_interrupted(stale_seconds=0.2) == 1
    assert store.get(running).state == "running"  # type: ignore[union-attr]
    assert store.fail_interrupted() == 1
    for job_id in (queued, running):  # the restart of the last runner fails all the rest
        stored = store.get(job_id)
        assert stored is not None and stored.state == "failed" and stored.error is not None
        assert (stored.error["status"], stored.error["detail"]) == (503, MSG_INTERRUPTED)
    assert store.fail_interrupted() == 0


def test_the_heartbeat_keeps_a_quiet_job_alive(engine: Engine) -> None:
    runner = JobRunner(SqlJobStore(engine), heartbeat_seconds=0.05, stale_seconds=0.3)
    try:
        stale = runner.store.create("test.import", OWNER.subject)  # nobody runs this one

        def work(report: ProgressReporter) -> JobOutcome:
            report(Progress("writing", 0, 1, 0))
            threading.Event().wait(1.0)  # no progress for longer than stale_seconds
            return JobOutcome(problem_pb2.FieldError())

        job = runner.start("test.quiet", OWNER, work)
        runner.wait(job.job_id, timeout=10)
        done, orphan = runner.store.get(job.job_id), runner.store.get(stale)
        assert done is not None and done.state == "succeeded"
        assert orphan is not None and orphan.state == "failed"
    finally:
        runner.shutdown()
