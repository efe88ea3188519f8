"""Who holds SQLite's write lock, and for how long (bench/refresh_bench.py --watch-locks).

Python imports this module at start-up in every process whose PYTHONPATH holds this folder (the
gunicorn workers, the job worker). When LOCKWATCH_LOG is set, each write transaction (the ones the
app begins with BEGIN IMMEDIATE) held longer than LOCKWATCH_MS (200) is appended to that file:
milliseconds held, process, and the request or, in the job worker, the app's innermost frames at
the commit. The hold is timed from the first statement (the lock is taken by then) to just before
the COMMIT or ROLLBACK runs (SQLAlchemy's events come first): the real hold is a little longer."""
import os

if os.environ.get("LOCKWATCH_LOG"):
    import time
    import traceback

    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    _LOG = os.environ["LOCKWATCH_LOG"]
    _LIMIT = float(os.environ.get("LOCKWATCH_MS") or 200) / 1000
    _KEY = "lockwatch"

    def _writing() -> bool:
        from app.core.database import READING_WORK, _reading_request  # the app's own rule for BEGIN IMMEDIATE

        return not (READING_WORK.get() or _reading_request())

    def _who() -> str:
        from flask import has_request_context, request

        if has_request_context():
            return f"{request.method} {request.path}"
        frames = [f for f in traceback.extract_stack() if "/app/" in f.filename and "/core/database" not in f.filename]
        return " < ".join(f"{f.filename.rsplit('/app/', 1)[1]}:{f.lineno} {f.name}" for f in reversed(frames[-4:]))

    @event.listens_for(Engine, "begin")
    def _begun(conn):
        conn.info[_KEY] = None

    @event.listens_for(Engine, "before_cursor_execute")
    def _first_statement(conn, *_args):
        if _KEY in conn.info and conn.info[_KEY] is None:
            conn.info[_KEY] = (time.perf_counter(), _writing() and _who())

    def _ended(conn):
        started = conn.info.pop(_KEY, None)
        if started and started[1]:
            held = time.perf_counter() - started[0]
            if held > _LIMIT:
                who = started[1] if started[1].startswith(("GET ", "POST ")) else _who()  # the job: where it commits
                with open(_LOG, "a") as log:
                    log.write(f"{held * 1000:.0f}\t{os.getpid()}\t{time.strftime('%H:%M:%S')}\t{who}\n")

    event.listen(Engine, "commit", _ended)
    event.listen(Engine, "rollback", _ended)
