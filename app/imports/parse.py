"""Reading CSV (UTF-8 with or without BOM, or Windows-1252; comma, semicolon or tab) and XLSX."""
from __future__ import annotations

import csv
import datetime as dt
import io
import re

from flask_babel import lazy_gettext as _l
from openpyxl import load_workbook

MAX_ROWS = 50_000


class ImportFileError(ValueError):
    """The whole file cannot be used; the message says why, in the user's language."""


def _decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data[:4096]:
        raise ImportFileError(_l("Berkas tidak bisa dibaca: simpan sebagai CSV (UTF-8 atau Windows-1252) atau XLSX."))
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        raise ImportFileError(_l("Berkas tidak bisa dibaca: simpan sebagai CSV (UTF-8 atau Windows-1252) atau XLSX.")) from None


def _delimiter(text: str) -> str:
    sample = "\n".join(text.splitlines()[:20])
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t").delimiter
    except csv.Error:
        header = text.splitlines()[0] if text else ""
        return max(",;\t", key=header.count)


def _cell(value) -> str | dt.date:
    """XLSX cells: real dates stay dates, whole numbers lose their '.0', everything else is text."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(str(value).split())


def read_table(data: bytes, filename: str) -> tuple[list[str], list[tuple[int, list]]]:
    """(headers, [(row number as the spreadsheet shows it, cells)]); blank rows are left out."""
    if not data or not data.strip():
        raise ImportFileError(_l("Berkas kosong."))
    if filename.lower().endswith(".xlsx") or data[:2] == b"PK":
        rows = _xlsx_rows(data)
    else:
        text = _decode(data)
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
        try:
            rows = [[" ".join(c.split()) for c in row] for row in reader]
        except csv.Error:
            raise ImportFileError(_l("Berkas CSV rusak dan tidak bisa dibaca.")) from None
    numbered = [(i + 1, row) for i, row in enumerate(rows)]
    numbered = [(n, row) for n, row in numbered if any(c != "" for c in row)]
    if not numbered:
        raise ImportFileError(_l("Berkas kosong."))
    (_n, header), body = numbered[0], numbered[1:]
    headers = [str(h).strip() for h in header]
    while headers and not headers[-1]:
        headers.pop()
    if not body:
        raise ImportFileError(_l("Berkas hanya berisi baris judul kolom, tanpa data."))
    if len(body) > MAX_ROWS:
        raise ImportFileError(_l("Berkas terlalu besar: paling banyak %(n)d baris.", n=MAX_ROWS))
    return headers, body


def _xlsx_rows(data: bytes) -> list[list]:
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet = book.worksheets[0]
        rows = [[_cell(v) for v in row] for row in sheet.iter_rows(values_only=True)]
        book.close()
        return rows
    except ImportFileError:
        raise
    except Exception:  # a broken or mislabelled file: openpyxl raises many kinds
        raise ImportFileError(_l("Berkas XLSX rusak dan tidak bisa dibaca.")) from None


def header_key(value: str) -> str:
    """'No. HP' -> 'nohp', 'Tanggal Lahir' -> 'tanggallahir'."""
    return re.sub(r"[^a-z0-9]", "", str(value).lower())
