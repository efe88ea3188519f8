"""Staff lists as CSV or XLSX downloads: the columns shown on screen, cells that a spreadsheet
would run as a formula neutralised, every export audited by the caller."""
from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from flask import Response, abort, request
from flask_login import current_user
from openpyxl import Workbook

from ..extensions import db
from . import audit
from .timeutil import today_wib

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
MAX_ROWS = 20_000
CSV_MIME = "text/csv; charset=utf-8"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def neutralise(value: object) -> str:
    """A cell as text; one that begins like a formula gets a leading single quote."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def _filename(stem: str, ext: str) -> str:
    return f"{stem}-{today_wib().isoformat()}.{ext}"


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([neutralise(h) for h in header])
    for row in rows:
        writer.writerow([neutralise(cell) for cell in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")  # the BOM lets Excel read UTF-8


def xlsx_bytes(header: Sequence[str], rows: Iterable[Sequence[object]], title: str) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet(title[:31])
    sheet.append([neutralise(h) for h in header])
    for row in rows:
        sheet.append([neutralise(cell) for cell in row])  # text only: nothing is evaluated
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def attachment(body: bytes, mime: str, stem: str, ext: str) -> Response:
    """A file to save (named `stem`-YYYY-MM-DD.`ext`), never kept by a cache."""
    response = Response(body, mimetype=mime)
    response.headers["Content-Disposition"] = f'attachment; filename="{_filename(stem, ext)}"'
    response.headers["Cache-Control"] = "no-store"
    return response


def download(fmt: str, stem: str, header: Sequence[str], rows: list[Sequence[object]]) -> Response:
    if fmt == "xlsx":
        return attachment(xlsx_bytes(header, rows, stem), XLSX_MIME, stem, "xlsx")
    return attachment(csv_bytes(header, rows), CSV_MIME, stem, "csv")


FORMATS = ("csv", "xlsx")


def requested_format() -> str:
    """The format asked for with ?format= (csv when absent). Anything else does not exist: 404."""
    fmt = request.args.get("format") or "csv"
    if fmt not in FORMATS:
        abort(404)
    return fmt


def audited_download(stem: str, header: Sequence[str], rows: list[Sequence[object]], object_type: str,
                     object_id: object = "", note: str = "") -> Response:
    """A list as the download its ?format= asks for, recorded in the audit log (action `export`,
    format, row count and the filters in `note`) and committed: a route's whole export step."""
    fmt = requested_format()
    audit.record(current_user, "export", object_type, object_id,
                 f"{fmt}; {len(rows)} rows" + (f"; {note}" if note else ""))
    db.session.commit()
    return download(fmt, stem, header, rows)
