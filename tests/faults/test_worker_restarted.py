"""`flask worker --supervise` (what `make serve` runs) starts the worker again when it dies, as the
same worker, and the restarted worker does the work queued meanwhile; SIGTERM stops both."""
from __future__ import annotations

import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from app import jobs
from app.core.database import READING_WORK
from app.extensions import db
from app.jobs import Job

ROOT = Path(__file__).resolve().parents[2]
KEY = "k3y-" + "q8Wn3vT6pK1sR4yZ" * 3
STARTED = re.compile(r"worker started \(pid (\d+)\)")


def _lines(stream, into: queue.Queue) -> None:
    for line in stream:
        into.put(line)


def _next_start(lines: queue.Queue, seconds: float) -> int:
    deadline = time.monotonic() + seconds
    seen = []
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=0.5)
        except queue.Empty:
            continue
        seen.append(line)
        found = STARTED.search(line)
        if found:
            return int(found.group(1))
    raise AssertionError(f"no worker start within {seconds:.0f} s:\n" + "".join(seen))


def _wait_finished(job_id: int, seconds: float) -> tuple[str, str]:
    deadline = time.monotonic() + seconds
    token = READING_WORK.set(True)  # on SQLite, look without taking the worker's write lock
    try:
        while True:
            db.session.remove()
            job = db.session.get(Job, job_id)
            if job.status in ("done", "failed") or time.monotonic() > deadline:
                return job.status, job.message
            threading.Event().wait(0.3)
    finally:
        db.session.remove()
        READING_WORK.reset(token)


def test_a_killed_worker_is_started_again_and_does_the_queued_work(app):
    url = db.engine.url.render_as_string(hide_password=False)
    db.session.remove()
    env = dict(os.environ, DATABASE_URL=url, SECRET_KEY=KEY, JOBS_BACKEND="db", WORKER_ID="supervised-test")
    env.pop("FLASK_APP", None)
    supervisor = subprocess.Popen([sys.executable, "-m", "flask", "--app", "app", "worker", "--supervise"],
                                  cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    lines: queue.Queue = queue.Queue()
    threading.Thread(target=_lines, args=(supervisor.stderr, lines), daemon=True).start()
    try:
        first = _next_start(lines, 60)
        os.kill(first, signal.SIGKILL)
        job_id = jobs.enqueue("tick").id  # queued while no worker runs
        db.session.commit()
        second = _next_start(lines, 30)
        assert second != first
        status = _wait_finished(job_id, 60)
        assert status[0] == "done", (status, list(lines.queue))
        supervisor.send_signal(signal.SIGTERM)
        assert supervisor.wait(timeout=30) == 0
        try:
            os.kill(second, 0)
        except ProcessLookupError:
            pass
        else:
            raise AssertionError("the worker outlived its supervisor")
    finally:
        if supervisor.poll() is None:
            supervisor.kill()
            supervisor.wait()
        supervisor.stderr.close()
        db.session.remove()
