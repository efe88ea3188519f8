"""The compute-heavy stretches of a job at a lower CPU priority, on a thread of their own.

On a small shared server the worker's fit and ranking took a core from the web workers. Linux
keeps a nice value per thread, so such a stretch runs on a thread niced by WORKER_NICE while the
job's own thread, which takes the write lock to store what was computed, keeps its priority: a
niced thread holding SQLite's write lock would be descheduled in favour of everything else and
every save would wait behind it (priority inversion). Where the nice value is per process (not
Linux), or WORKER_NICE is 0, the stretch runs as before."""
from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable
from typing import TypeVar

from flask import current_app

from ..core.database import READING_WORK

T = TypeVar("T")


def lowered(work: Callable[[], T]) -> T:
    """`work()`, which only reads and computes, run on a niced thread; this thread waits for it
    and gets its result or error.

    The thread has an app context, a database session and a connection of its own, and its
    transactions begin deferred (READING_WORK): it never takes the write lock. When the worker
    is stopped (SIGTERM) while it waits, the job's thread cleans up its own session at once; the
    niced thread, a daemon, ends with the process."""
    increment = int(current_app.config.get("WORKER_NICE") or 0)
    if increment <= 0 or not sys.platform.startswith("linux"):
        return work()
    app = current_app._get_current_object()
    outcome: dict = {}

    def run() -> None:
        try:
            os.nice(increment)  # Linux: the calling thread only
        except OSError:
            pass
        READING_WORK.set(True)  # a thread starts with a context of its own
        try:
            with app.app_context():  # its own session, removed when the context ends
                outcome["value"] = work()
        except BaseException as error:  # noqa: BLE001 - handed to the waiting thread, which raises it
            outcome["error"] = error

    thread = threading.Thread(target=run, name="lokerwarga-lowered", daemon=True)
    thread.start()
    thread.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]
