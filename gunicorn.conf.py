"""gunicorn settings for `make serve` (production). Every value can be overridden from the
environment: PORT, BIND, WEB_CONCURRENCY (worker processes), GUNICORN_THREADS, GUNICORN_TIMEOUT,
ACCESS_LOG=1.

    PORT=8000 make serve
    .venv/bin/gunicorn -c gunicorn.conf.py          # the same, without make

Workers are sized to the machine: the pages spend their time in Python (templates, queries),
where threads of one process take turns on one interpreter lock, so the default is one
single-threaded process per core plus one (measured on 2 cores: 3 sync workers serve the staff
suggestions page faster than 3 workers x 4 threads). Behind a reverse proxy (nginx) that buffers
slow clients, as the README describes; GUNICORN_THREADS > 1 switches to threaded workers."""
import gc
import multiprocessing
import os

from gunicorn.glogging import Logger

from app.core.redaction import redact_query, redact_request_line, redact_target, redact_url

wsgi_app = "app.core.serving:production_app()"

bind = os.environ.get("BIND") or f"127.0.0.1:{os.environ.get('PORT', '5000')}"
workers = int(os.environ.get("WEB_CONCURRENCY") or multiprocessing.cpu_count() + 1)
threads = int(os.environ.get("GUNICORN_THREADS") or 1)
worker_class = "gthread" if threads > 1 else "sync"
# Build the app (and run its start-up checks) once, in the master, before forking the workers.
preload_app = True
backlog = 2048
# The ranking engine lives in the background worker alone (`flask worker`, started beside
# gunicorn): web processes queue the refreshes a change needs instead of building their own.
os.environ.setdefault("RANKING_UPDATES", "worker")
timeout = int(os.environ.get("GUNICORN_TIMEOUT") or 60)
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then (leaks).
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS") or 20000)
max_requests_jitter = max_requests // 10
# Behind a reverse proxy on the same host; the app trusts X-Forwarded-* only with PROXY_FIX set.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
accesslog = "-" if os.environ.get("ACCESS_LOG") in ("1", "true", "yes") else None
# The default format, written out: the request line and the Referer are redacted (below).
access_log_format = '%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s"'
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info")
proc_name = "lokerwarga"
# No control socket: it is not used, and two servers on one machine would share its path.
control_socket_disable = True


def when_ready(server):
    """Once, with the app loaded (preload_app) and before the first worker: its objects live as
    long as the workers, so the cyclic garbage collector is told to leave them alone
    (gc.freeze). Each worker's collections then go through what its requests make, not the whole
    app again (about 0.25 ms less per staff suggestions page)."""
    gc.freeze()


def post_fork(server, worker):
    """Each worker opens its own database connections (none may be shared across a fork)."""
    app = worker.app.wsgi()
    if "sqlalchemy" in getattr(app, "extensions", {}):
        from app.extensions import db

        with app.app_context():
            db.engine.dispose(close=False)


class RedactingLogger(Logger):
    """The access log never holds a token from a link (reset, answer, verify) or a search term:
    every atom that carries the request target or the Referer is redacted (app/core/redaction.py)."""

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        atoms["r"] = redact_request_line(atoms["r"])
        atoms["U"] = redact_target(atoms["U"] or "")
        atoms["q"] = redact_query(atoms["q"] or "")
        atoms["f"] = redact_url(atoms["f"])
        for name in ("{referer}i", "{raw_uri}e", "{request_uri}e", "{path_info}e", "{query_string}e",
                     "{http_referer}e"):
            if atoms.get(name):
                atoms[name] = redact_url(atoms[name]) if "referer" in name else redact_target(atoms[name])
        return atoms


logger_class = RedactingLogger
