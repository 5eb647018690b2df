"""The shared worker runner: inbox consumers in threads plus periodic tasks, until stopped.

Every service's worker is built in its ``bootstrap`` from :class:`InboxConsumer` instances
(consume → inbox + unit of work → offset; retry with backoff; dead-letter topic; metrics;
static membership) and run by :func:`run_until_signalled`::

    runner = build_worker(settings)          # the service's bootstrap
    raise SystemExit(run_until_signalled(runner))

A consumer thread that dies (a fenced or fatal consumer) stops the whole runner with exit
code 1, so the process supervisor restarts it instead of leaving a silent half-worker.
"""

from __future__ import annotations

import logging
import signal
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from types import FrameType

from ansinh_common.messaging.consumer import InboxConsumer
from ansinh_common.messaging.metrics import ConsumerStats

log = logging.getLogger(__name__)

JOIN_TIMEOUT_S = 30.0


@dataclass(frozen=True)
class PeriodicTask:
    """``run`` every ``every_s`` seconds in the runner's thread (errors are logged)."""

    name: str
    every_s: float
    run: Callable[[], None]


class WorkerRunner:
    """Runs ``consumers`` (one thread each) and ``tasks`` until :meth:`stop`."""

    def __init__(
        self,
        consumers: Sequence[InboxConsumer],
        tasks: Sequence[PeriodicTask] = (),
        *,
        on_close: Sequence[Callable[[], object]] = (),
    ) -> None:
        if not consumers:
            raise ValueError("a worker needs at least one consumer")
        self.consumers = list(consumers)
        self.tasks = list(tasks)
        self._on_close = list(on_close)
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []

    def stats(self) -> dict[str, ConsumerStats]:
        """Counts per consumer group (applied, duplicates, retries, dead-lettered)."""
        return {c.group_id: c.stats for c in self.consumers}

    def total(self, name: str) -> int:
        """One count (``processed``, ``duplicates``, ``retries``, ``dead_lettered``) summed."""
        return sum(int(getattr(s, name)) for s in self.stats().values())

    def start(self) -> None:
        """Start the consumer threads (returns at once)."""
        for consumer in self.consumers:
            thread = threading.Thread(target=consumer.run, name=f"consumer-{consumer.group_id}")
            thread.start()
            self._threads.append(thread)

    def run(self, tick_s: float = 0.5) -> int:
        """Start, run the periodic tasks until :meth:`stop`, close; 0, or 1 when a consumer
        thread died on its own."""
        self.start()
        due = {task.name: time.monotonic() + task.every_s for task in self.tasks}
        code = 0
        try:
            while not self._stop.wait(tick_s):
                if any(not t.is_alive() for t in self._threads):
                    log.error("a consumer thread stopped unexpectedly; stopping the worker")
                    code = 1
                    break
                for task in self.tasks:
                    if time.monotonic() >= due[task.name]:
                        self._run_task(task)
                        due[task.name] = time.monotonic() + task.every_s
        finally:
            self.close()
        return code

    def stop(self) -> None:
        self._stop.set()

    def close(self) -> None:
        """Stop every consumer, wait for their threads, then run the ``on_close`` callbacks."""
        self._stop.set()
        for consumer in self.consumers:
            consumer.stop()
        for thread in self._threads:
            thread.join(JOIN_TIMEOUT_S)
        for close in reversed(self._on_close):
            try:
                close()
            except Exception:
                log.exception("error while closing %r", close)
        self._on_close.clear()

    @staticmethod
    def _run_task(task: PeriodicTask) -> None:
        try:
            task.run()
        except Exception:
            log.exception("periodic task %s failed", task.name)


def run_until_signalled(
    runner: WorkerRunner,
    signals: Sequence[signal.Signals] = (signal.SIGTERM, signal.SIGINT),
) -> int:
    """Run ``runner`` until SIGTERM/SIGINT (graceful: offsets stored so far are committed)."""

    def on_signal(signum: int, _frame: FrameType | None) -> None:
        log.info("signal %s: stopping the worker", signum)
        runner.stop()

    for sig in signals:
        signal.signal(sig, on_signal)
    return runner.run()
