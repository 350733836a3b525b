"""Running the worker's jobs: a consumer in its own process (``chiso worker run``) or in threads
of the web server's process (``chiso serve``, the laptop's default)."""

from __future__ import annotations

import logging
from typing import Any

from chiso.worker.tasks import Jobs

log = logging.getLogger("chiso.worker")

#: seconds a stopping consumer waits for its running jobs before it leaves them (each is
#: idempotent: what a cut job did not finish, its next run does)
SHUTDOWN_TIMEOUT = 10.0


def consumer(jobs: Jobs, *, threads: int = 1, periodic: bool = True) -> Any:
    """A Huey consumer of ``jobs``' queue with ``threads`` worker threads; ``periodic`` runs the
    minute tick (any number of consumers may: the tick's claims are made once)."""
    return jobs.huey.create_consumer(
        workers=threads,
        worker_type="thread",
        periodic=periodic,
        check_worker_health=True,
        initial_delay=0.05,
        max_delay=2.0,
        shutdown_timeout=SHUTDOWN_TIMEOUT,
    )


def run(jobs: Jobs, *, threads: int = 1, periodic: bool = True) -> None:
    """Consume until SIGINT (finish the running jobs) or SIGTERM (stop now)."""
    consumer(jobs, threads=threads, periodic=periodic).run()


class InProcess:
    """A consumer in threads of this process, started and stopped by its owner (the web server):
    no signal handlers of its own, the server keeps its own."""

    def __init__(self, jobs: Jobs, *, threads: int = 1, periodic: bool = True) -> None:
        self._consumer = consumer(jobs, threads=threads, periodic=periodic)
        self._started = False

    def start(self) -> None:
        c = self._consumer
        c.scheduler.start()
        for _, thread in c.worker_threads:
            thread.start()
        self._started = True
        log.info("worker started in process (%s threads)", len(c.worker_threads))

    def stop(self) -> None:
        if self._started:
            self._consumer.stop(graceful=True)
            self._started = False

    def __enter__(self) -> InProcess:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


__all__ = ["SHUTDOWN_TIMEOUT", "InProcess", "consumer", "run"]
