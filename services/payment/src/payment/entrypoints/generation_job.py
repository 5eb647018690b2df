"""``StartGeneration``: a commune-month generation as a long-running job (docs/adr/0012).

The commune, the month and the caller's right to prepare the list are checked before the job
is stored, so a bad request is a clear error at once; the generation itself (one set-based
statement under the Redis lock, ADR 0019) runs in the job runner, and its
``GenerateListResult`` is the job's result. A refusal inside it (a closed month, a list no
longer a draft, another generation holding the lock) fails the job with that error.
"""

from __future__ import annotations

from ansinh.payment.v1 import payment_pb2 as pb
from ansinh_common.errors import Unavailable
from ansinh_common.jobs import JobOutcome, Progress, ProgressReporter
from ansinh_common.jobs.servicer import job_message
from payment.adapters.metrics import count_lines_generated
from payment.bootstrap import PaymentApp
from payment.domain.commands import GenerateList
from payment.entrypoints.grpc_mapping import header_to_pb
from payment.service_layer.handlers.lists import check_can_start, generate_list

KIND = "payment.generate"
MSG_NO_JOBS = "Dịch vụ chi trả chưa cấu hình cơ sở dữ liệu công việc."


def start_generation(app: PaymentApp, cmd: GenerateList) -> pb.StartGenerationResponse:
    if app.jobs is None:
        raise Unavailable(MSG_NO_JOBS)
    province = check_can_start(cmd, uow=app.uow, units=app.units)

    def work(report: ProgressReporter) -> JobOutcome:
        report(Progress("generating", 0, 1, 0, "lists"))
        summary, changed = generate_list(cmd, uow=app.uow, lock=app.lock, units=app.units)
        if changed:
            count_lines_generated(province, summary.lines)
        with app.uow(province) as u:
            generated = u.lists.get(cmd.commune_code, cmd.month)
        assert generated is not None
        report(Progress("done", 1, 1, 100, "lists"))
        return JobOutcome(
            pb.GenerateListResult(payment_list=header_to_pb(generated), changed=changed)
        )

    record = app.jobs.start(KIND, cmd.principal, work)
    return pb.StartGenerationResponse(job=job_message(record))
