"""The worker: chiso's jobs on a Huey task queue (feeds polled on their own schedules, stale
reports re-read, commitments' status changes recorded).

At the level of ``cli`` and ``web`` in the house plan: it calls :mod:`chiso.services` only. The
queue is :mod:`~chiso.worker.queue`'s choice (SQLite beside the database on a laptop, Redis on a
server), the jobs :mod:`~chiso.worker.tasks`, and running them :mod:`~chiso.worker.consumer`.
"""

from __future__ import annotations

from chiso.worker.consumer import InProcess, run
from chiso.worker.queue import make_queue, queue_file
from chiso.worker.tasks import FeedPollError, Jobs, build

__all__ = ["FeedPollError", "InProcess", "Jobs", "build", "make_queue", "queue_file", "run"]
