"""What request logs may hold: never a token from a link (password reset, employer answer, letter
verification, a staged import) and never a search term (staff look residents up by name or phone).

Used by the development server's request log (a filter on the `werkzeug` logger, installed by
`init_app`) and by gunicorn's access log (gunicorn.conf.py). Pure string functions: gunicorn's
master imports this module without building the app."""
from __future__ import annotations

import logging
import re
from urllib.parse import urlsplit, urlunsplit

REDACTED = "[redacted]"
# /reset/<token>, /answer/<token>, /verify/<token>, /staff/import/<token>[/...], under any prefix
TOKEN_IN_PATH = re.compile(r"(/(?:reset|answer|verify|staff/import)/)[^/?#\s]+")
# Query parameters whose values say nothing about a person; every other value is replaced.
SAFE_PARAMS = frozenset({"page", "format", "status", "lang", "which", "sort", "month", "kind", "fmt"})


def redact_query(query: str) -> str:
    parts = []
    for item in query.split("&"):
        name, sep, value = item.partition("=")
        parts.append(item if not sep or name in SAFE_PARAMS or not value else f"{name}={REDACTED}")
    return "&".join(parts)


def redact_target(target: str) -> str:
    """A request target (path and query) fit for a log."""
    path, sep, query = target.partition("?")
    path = TOKEN_IN_PATH.sub(lambda m: m.group(1) + REDACTED, path)
    return path + (sep + redact_query(query) if sep else "")


def redact_url(url: str) -> str:
    """An absolute URL (a Referer) fit for a log."""
    if not url or url == "-":
        return url
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=redact_target(parts.path), query=redact_query(parts.query), fragment=""))


def redact_request_line(line: str) -> str:
    """`GET /reset/abc?x=1 HTTP/1.1` with the target redacted."""
    method, sep, rest = line.partition(" ")
    if not sep:
        return redact_target(line)
    target, sep2, protocol = rest.rpartition(" ")
    if not sep2:
        return f"{method} {redact_target(rest)}"
    return f"{method} {redact_target(target)} {protocol}"


class RedactingFilter(logging.Filter):
    """For the development server's request lines (`"GET /path HTTP/1.1" 200 -`)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.args and isinstance(record.args, tuple):
            record.args = tuple(redact_request_line(arg) if isinstance(arg, str) and " HTTP/" in arg else arg
                                for arg in record.args)
        return True


def init_app(app) -> None:
    logger = logging.getLogger("werkzeug")
    if not any(isinstance(f, RedactingFilter) for f in logger.filters):
        logger.addFilter(RedactingFilter())
