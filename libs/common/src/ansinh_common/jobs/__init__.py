"""Long-running jobs, one mechanism for every service (docs/adr/0012).

A service starts work that outlasts a request with ``JobRunner.start(kind, principal, work)``:
the job is stored in the service's own database (``jobs`` and ``job_files``, created by
``create_job_tables`` in a migration), ``work`` runs in a worker thread as the principal and
reports progress, and ``JobServicer`` (``ansinh.common.v1.JobService``) serves its state,
result and files to the gateway. Nothing lives in gateway memory, so a gateway restart loses
nothing. Runners heartbeat their jobs; a job whose runner went silent (its service stopped or
crashed) is marked failed, at the next start or by any live runner
(``SqlJobStore.fail_interrupted``).
"""

from ansinh_common.jobs.model import JobFile, JobOutcome, Progress, ProgressReporter
from ansinh_common.jobs.runner import JobRunner
from ansinh_common.jobs.servicer import JobServicer
from ansinh_common.jobs.store import SqlJobStore
from ansinh_common.jobs.tables import create_job_tables, drop_job_tables, job_tables

__all__ = [
    "JobFile",
    "JobOutcome",
    "JobRunner",
    "JobServicer",
    "Progress",
    "ProgressReporter",
    "SqlJobStore",
    "create_job_tables",
    "drop_job_tables",
    "job_tables",
]
