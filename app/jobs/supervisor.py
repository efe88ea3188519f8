"""`flask --app app worker --supervise`: keep one worker process running.

The worker already survives lost database and Redis connections; this covers what it cannot
survive itself (a crash, an out-of-memory kill, `kill -9`). The worker runs as a child process and
is started again after a pause that doubles on quick successive deaths (1 s up to
``max_wait``) and starts from 1 s again once a child has lived a minute. The child inherits the
environment, so it keeps its WORKER_ID and takes its own unfinished jobs back when it starts.
SIGTERM and SIGINT are passed on to the child; the supervisor exits when the child has stopped.
"""
from __future__ import annotations

import logging
import signal
import subprocess
import threading
import time
from collections.abc import Sequence

log = logging.getLogger("lokerwarga.jobs")

HEALTHY_RUN_SECONDS = 60.0


def supervise(command: Sequence[str], *, max_wait: float = 60.0, install_signals: bool = True,
              stop: threading.Event | None = None) -> int:
    """Run ``command`` until asked to stop; return the exit status of its last run."""
    stop = stop or threading.Event()
    received: list[int] = []

    def ask_to_stop(signum, _frame):
        received.append(signum)
        stop.set()

    if install_signals:
        signal.signal(signal.SIGTERM, ask_to_stop)
        signal.signal(signal.SIGINT, ask_to_stop)
    wait = 0.0
    while True:
        started = time.monotonic()
        child = subprocess.Popen(list(command))
        log.info("worker started (pid %d)", child.pid)
        status = _wait_for(child, stop, received)
        if stop.is_set():
            return status
        lived = time.monotonic() - started
        wait = 1.0 if lived >= HEALTHY_RUN_SECONDS else min(max(1.0, wait * 2), max_wait)
        log.warning("worker (pid %d) exited with status %d after %.0f s; starting it again in %.0f s",
                    child.pid, status, lived, wait)
        if stop.wait(wait):
            return status


def _wait_for(child: subprocess.Popen, stop: threading.Event, received: list[int]) -> int:
    """The child's exit status. On a stop the child gets the signal the supervisor received
    (SIGTERM without one) once, and 30 s to finish its job step before it is killed."""
    while not stop.wait(0.2):
        status = child.poll()
        if status is not None:
            return status
    if child.poll() is None:
        child.send_signal(received[0] if received else signal.SIGTERM)
    try:
        return child.wait(timeout=30)
    except subprocess.TimeoutExpired:
        child.kill()
        return child.wait()
